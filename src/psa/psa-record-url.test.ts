import { describe, expect, it } from 'vitest';
import { psaRecordUrl, type PsaRecordUrlInput } from './psa-record-url.js';

const cwRouter = 'https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails';
const atCommand = 'https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx';

describe('psaRecordUrl', () => {
  const cases: [string, Omit<PsaRecordUrlInput, 'externalId'> & { externalId?: string }, string | null][] = [
    // ConnectWise: api-<region> host → UI host, default codebase, company from the login company id.
    ['CW company', { provider: 'connectwise', baseUrl: 'https://api-na.myconnectwise.net', kind: 'organization', companyId: 'acme' }, `${cwRouter}?locale=en_US&companyName=acme&recordType=CompanyFV&recid=42`],
    ['CW configuration', { provider: 'connectwise', baseUrl: 'https://api-na.myconnectwise.net/', kind: 'configuration', companyId: 'acme' }, `${cwRouter}?locale=en_US&companyName=acme&recordType=ConfigFV&recid=42`],
    ['CW contact', { provider: 'connectwise', baseUrl: 'https://api-na.myconnectwise.net', kind: 'contact', companyId: 'acme' }, `${cwRouter}?locale=en_US&companyName=acme&recordType=ContactFV&recid=42`],
    [
      'CW API base with its codebase, EU region',
      { provider: 'connectwise', baseUrl: 'https://api-eu.myconnectwise.net/v2025_1/apis/3.0/', kind: 'organization', companyId: 'acme' },
      'https://eu.myconnectwise.net/v2025_1/services/system_io/router/openrecord.rails?locale=en_US&companyName=acme&recordType=CompanyFV&recid=42',
    ],
    [
      'CW on-premise host and port kept, no company id',
      { provider: 'connectwise', baseUrl: 'https://cw.example.com:8443/v4_6_release/apis/3.0', kind: 'contact' },
      'https://cw.example.com:8443/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ContactFV&recid=42',
    ],
    [
      'CW simulator (demo)',
      { provider: 'connectwise', baseUrl: 'http://127.0.0.1:4100', kind: 'organization', companyId: 'sim company' },
      'http://127.0.0.1:4100/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&companyName=sim+company&recordType=CompanyFV&recid=42',
    ],
    // Autotask: the zone number of the API host names the UI host.
    ['AT company', { provider: 'autotask', baseUrl: 'https://webservices5.autotask.net/ATServicesRest', kind: 'organization' }, `${atCommand}?Code=OpenAccount&AccountID=42`],
    ['AT configuration item', { provider: 'autotask', baseUrl: 'https://webservices5.autotask.net/ATServicesRest/V1.0/', kind: 'configuration' }, `${atCommand}?Code=OpenInstalledProduct&InstalledProductID=42`],
    ['AT contact', { provider: 'autotask', baseUrl: 'https://webservices5.autotask.net/atservicesrest', kind: 'contact' }, `${atCommand}?Code=OpenContact&ContactID=42`],
    ['AT generic host: zone unknown', { provider: 'autotask', baseUrl: 'https://webservices.autotask.net/ATServicesRest', kind: 'organization' }, null],
    [
      'AT simulator',
      { provider: 'autotask', baseUrl: 'http://127.0.0.1:4200/ATServicesRest', kind: 'contact' },
      'http://127.0.0.1:4200/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenContact&ContactID=42',
    ],
    // Halo: the agent UI at the server root, whether or not the stored URL ends in /api.
    ['Halo customer', { provider: 'halo', baseUrl: 'https://acme.halopsa.com', kind: 'organization' }, 'https://acme.halopsa.com/customers?clientid=42'],
    ['Halo user', { provider: 'halo', baseUrl: 'https://acme.halopsa.com/api/', kind: 'contact' }, 'https://acme.halopsa.com/customers?mainview=user&userid=42'],
    ['Halo asset', { provider: 'halo', baseUrl: 'https://acme.halopsa.com/auth', kind: 'configuration' }, 'https://acme.halopsa.com/assets?id=42'],
    ['Halo under a path', { provider: 'halo', baseUrl: 'https://psa.example.com/halo/api', kind: 'configuration' }, 'https://psa.example.com/halo/assets?id=42'],
    // Ids are encoded, never spliced into the URL.
    ['odd id is encoded', { provider: 'halo', baseUrl: 'https://acme.halopsa.com', kind: 'organization', externalId: '7&x=<y>' }, 'https://acme.halopsa.com/customers?clientid=7%26x%3D%3Cy%3E'],
    // Nothing to link to.
    ['not a URL', { provider: 'halo', baseUrl: 'not a url', kind: 'organization' }, null],
    ['not http(s)', { provider: 'connectwise', baseUrl: 'javascript:alert(1)', kind: 'organization' }, null],
    ['empty id', { provider: 'halo', baseUrl: 'https://acme.halopsa.com', kind: 'organization', externalId: ' ' }, null],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(psaRecordUrl({ externalId: '42', ...input })).toBe(expected);
  });
});

import { Random } from './random.js';
import type { Scale, SimCompany, SimConfiguration, SimContact, SimLookups } from './types.js';

const lookups: SimLookups = {
  companyTypes: ['Customer', 'Vendor', 'Prospect', 'Partner', 'Competitor', 'Former Customer'].map((name, i) => ({ id: i + 1, name })),
  companyStatuses: ['Active', 'Inactive', 'Not Approved', 'Credit Hold'].map((name, i) => ({ id: i + 1, name })),
  configurationTypes: [
    'Managed Server', 'Server', 'Workstation', 'Laptop', 'Firewall', 'Switch', 'Router', 'Printer', 'Wireless Access Point',
    'UPS', 'NAS', 'Virtual Machine', 'Mobile Device',
  ].map((name, i) => ({ id: i + 1, name })),
  configurationStatuses: ['Active', 'Inactive', 'In Repair', 'Retired'].map((name, i) => ({ id: i + 1, name })),
  contactTypes: ['Primary Contact', 'Billing', 'Technical', 'Decision Maker', 'End User'].map((name, i) => ({ id: i + 1, name })),
};

export const defaultLookups = (): SimLookups => structuredClone(lookups);

const prefixes = ['Acme', 'Northwind', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay', 'Wonka', 'Gringotts', 'Pied Piper', 'Blue Ridge', 'Silver Lake', 'Red Rock', 'Evergreen', 'Summit', 'Harbor', 'Maple', 'Oakwood', 'Pinnacle', 'Keystone', 'Lakeside', 'Riverbend', 'Sunrise'];
const industries = ['Dental', 'Logistics', 'Legal', 'Medical', 'Accounting', 'Construction', 'Realty', 'Manufacturing', 'Insurance', 'Veterinary', 'Architects', 'Engineering', 'Foods', 'Motors', 'Pharmacy', 'Consulting', 'Hospitality', 'Schools', 'Credit Union', 'Church'];
const suffixes = ['Inc', 'LLC', 'Group', 'Ltd', 'Partners', 'Co', 'Associates', 'GmbH', 'PLC', ''];
/** Real PSAs hold names like these; the sync must survive them. */
const unicodeNames = ['Müller & Söhne GmbH', 'Société Générale de Café', '株式会社サンプル', 'Zürich Ärzte AG', 'Łódź Logistyka Sp. z o.o.', 'Ελληνική Εταιρεία', 'São Paulo Clínica', 'Ørsted Rådgivning ApS', 'مؤسسة الخليج', 'Crème Brûlée Bakery 🍮'];
const firstNames = ['Maria', 'James', 'Aiko', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Sofia', 'Lucas', 'Chloé', 'Jürgen', 'Siobhán', 'Zoë', 'Björn', 'Priya', 'Wei', 'Fatima', 'Kwame', 'Ana', "D'Arcy", 'José', 'Nguyễn', 'Olga', 'Ahmed'];
const lastNames = ['Lopez', 'Carter', 'Tanaka', 'Smith', 'Johnson', 'García', 'Müller', 'Dubois', "O'Brien", 'Kowalski', 'Nguyen', 'Patel', 'Kim', 'Rossi', 'Van der Berg', 'Øvergaard', 'Silva', 'Haddad', 'Mensah', 'Ivanova'];
const titles = ['Office Manager', 'CEO', 'CFO', 'IT Coordinator', 'Practice Manager', 'Receptionist', 'Controller', 'Operations Director', 'Owner', null];
const cities: [string, string, string, string][] = [
  ['Denver', 'CO', '80202', 'United States'], ['Leeds', 'West Yorkshire', 'LS1 4AP', 'United Kingdom'], ['Toronto', 'ON', 'M5H 2N2', 'Canada'],
  ['Austin', 'TX', '73301', 'United States'], ['Sydney', 'NSW', '2000', 'Australia'], ['Berlin', 'BE', '10115', 'Germany'],
  ['Chicago', 'IL', '60601', 'United States'], ['Dublin', 'D', 'D02 X285', 'Ireland'], ['Tampa', 'FL', '33602', 'United States'],
];
const hardware: Record<string, [string, string][]> = {
  server: [['Dell', 'PowerEdge R650'], ['HPE', 'ProLiant DL380 Gen10'], ['Lenovo', 'ThinkSystem SR650']],
  workstation: [['Dell', 'OptiPlex 7090'], ['HP', 'EliteDesk 800 G6'], ['Lenovo', 'ThinkCentre M90q']],
  laptop: [['Lenovo', 'ThinkPad T14'], ['Dell', 'Latitude 5440'], ['Apple', 'MacBook Pro 14']],
  network: [['Fortinet', 'FortiGate 60F'], ['Cisco', 'Catalyst 9200'], ['Ubiquiti', 'UniFi 6 Pro'], ['Meraki', 'MX68'], ['SonicWall', 'TZ370']],
  other: [['APC', 'Smart-UPS 1500'], ['Synology', 'DS920+'], ['HP', 'LaserJet M507'], ['Apple', 'iPhone 15']],
};
const operatingSystems = ['Windows Server 2022', 'Windows Server 2019', 'Windows 11 Pro', 'Windows 10 Pro', 'Ubuntu 22.04 LTS', 'macOS 14', 'FortiOS 7.2', 'iOS 17'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A deterministic MSP data set of the given size, including the mess of real PSAs. */
export function generateWorld(scale: Scale, seed: number, now: Date) {
  const random = new Random(seed);
  const day = 86_400_000;
  const stamp = () => {
    const created = new Date(now.getTime() - random.int(30, 2000) * day);
    const updated = new Date(Math.min(now.getTime() - 60_000, created.getTime() + random.int(0, 1500) * day));
    return { createdAt: created, updatedAt: updated };
  };

  const companies: SimCompany[] = [];
  for (let id = 1; id <= scale.orgs; id++) {
    let name: string;
    const roll = random.next();
    if (roll < 0.01) name = random.pick(unicodeNames);
    else if (roll < 0.015) name = `${random.pick(prefixes)} ${'Very Long Company Name '.repeat(random.int(4, 10)).trim()}`;
    else if (roll < 0.035 && companies.length > 0) name = random.pick(companies).name; // duplicate names exist in real PSAs
    else name = [random.pick(prefixes), random.pick(industries), random.pick(suffixes)].filter(Boolean).join(' ');
    const [city, region, zip, country] = random.pick(cities);
    const sparse = random.chance(0.2);
    companies.push({
      id,
      identifier: `${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20) || 'Company'}${id}`,
      name,
      typeIds: [random.chance(0.85) ? 1 : random.int(2, lookups.companyTypes.length)],
      statusId: random.chance(0.9) ? 1 : random.int(2, lookups.companyStatuses.length),
      phone: sparse ? null : `+1 555 ${pad(random.int(0, 9999), 4)}`,
      website: sparse ? null : `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 30) || 'example'}.example`,
      address1: sparse ? null : `${random.int(1, 9999)} ${random.pick(['Main', 'Oak', 'Market', 'High', 'King'])} Street`,
      city: sparse ? null : city,
      state: sparse ? null : region,
      zip: sparse ? null : zip,
      country: sparse ? null : country,
      deleted: random.chance(0.01),
      active: random.chance(0.97),
      ...stamp(),
    });
  }

  const configurations: SimConfiguration[] = [];
  for (let id = 1; id <= scale.configurations; id++) {
    const company = companies[(id * 7919) % companies.length] ?? companies[0]!;
    const type = random.pick(lookups.configurationTypes);
    const family = /Server|Virtual/.test(type.name) ? 'server' : type.name === 'Workstation' ? 'workstation' : type.name === 'Laptop' ? 'laptop' : /Firewall|Switch|Router|Wireless/.test(type.name) ? 'network' : 'other';
    const [manufacturer, model] = random.pick(hardware[family]!);
    const prefix = company.identifier.replace(/\d+$/, '').slice(0, 5).toUpperCase() || 'CO';
    const name = `${prefix}-${type.name.split(' ').map((w) => w[0]).join('')}${pad(id % 1000, 3)}`;
    const sparse = random.chance(0.2);
    configurations.push({
      id,
      companyId: company.id,
      // A few configurations share a name within their company, as in real PSAs.
      name: random.chance(0.01) ? `${prefix}-DUPLICATE` : name,
      typeId: type.id,
      statusId: random.chance(0.92) ? 1 : random.int(2, lookups.configurationStatuses.length),
      serialNumber: random.chance(0.1) ? null : `${manufacturer.slice(0, 2).toUpperCase()}${random.hex(8)}`,
      tagNumber: sparse ? null : `AT-${pad(id, 6)}`,
      hostname: family === 'other' || sparse ? null : name.toLowerCase(),
      macAddress: sparse ? null : Array.from({ length: 6 }, () => random.hex(2)).join(':'),
      ipAddress: sparse ? null : `10.${random.int(0, 254)}.${random.int(0, 254)}.${random.int(1, 254)}`,
      manufacturer,
      model,
      osType: family === 'other' || family === 'network' ? null : random.pick(operatingSystems),
      warrantyExpiration: random.chance(0.3) ? null : new Date(now.getTime() + random.int(-700, 1100) * day).toISOString().slice(0, 10),
      active: random.chance(0.95),
      ...stamp(),
    });
  }

  const contacts: SimContact[] = [];
  for (let id = 1; id <= scale.contacts; id++) {
    const company = companies[(id * 104729) % companies.length] ?? companies[0]!;
    const firstName = random.chance(0.02) ? '' : random.pick(firstNames);
    const lastName = random.pick(lastNames);
    const domain = company.website?.replace(/^https:\/\/www\./, '') ?? null;
    contacts.push({
      id,
      companyId: company.id,
      firstName,
      lastName,
      title: random.pick(titles),
      typeIds: random.chance(0.8) ? [random.int(1, lookups.contactTypes.length)] : [],
      email: domain && random.chance(0.9) ? `${(firstName || 'info').toLowerCase().replace(/[^a-z]/g, '')}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}${id}@${domain}` : null,
      phone: random.chance(0.3) ? null : `+1 555 ${pad(random.int(0, 9999), 4)}`,
      mobile: random.chance(0.6) ? null : `+1 555 ${pad(random.int(0, 9999), 4)}`,
      active: random.chance(0.97),
      ...stamp(),
    });
  }
  return { lookups: defaultLookups(), companies, configurations, contacts };
}

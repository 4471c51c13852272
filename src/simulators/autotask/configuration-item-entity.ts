import type { SimConfiguration } from '../world/types.js';
import { constants, defineEntity, lookupsAsPicklist, registryPicklist, type AtField } from './entity-model.js';

/**
 * Autotask ConfigurationItems (Installed Products). The name is `referenceTitle`, the asset tag `referenceNumber`;
 * hostname, addresses, operating system, manufacturer and model come from the RMM device audit, which the API
 * exposes read-only (manufacturer and model as picklists). Autotask has no configuration status besides `isActive`.
 */
type Ci = SimConfiguration;

const text = (name: string, length: number, get: (c: Ci) => string | null, readOnly = false): AtField<Ci> => ({ name, dataType: 'string', length, readOnly, get });

const dattoFields = [
  ...constants<Ci>('long', ['dattoAvailableKilobytes'], null, true),
  ...constants<Ci>('integer', ['dattoDeviceMemoryMegabytes'], null, true),
  ...constants<Ci>('boolean', ['dattoDrivesErrors'], null, true),
  ...constants<Ci>('string', ['dattoHostname', 'dattoInternalIP'], null, true),
  ...constants<Ci>('integer', ['dattoKernelVersionID'], null, true),
  ...constants<Ci>('datetime', ['dattoLastCheckInDateTime'], null, true),
  ...constants<Ci>('integer', ['dattoNICSpeedKilobitsPerSecond', 'dattoNumberOfAgents', 'dattoNumberOfDrives', 'dattoNumberOfVolumes'], null, true),
  ...constants<Ci>('long', ['dattoOffsiteUsedBytes'], null, true),
  ...constants<Ci>('integer', ['dattoOSVersionID'], null, true),
  ...constants<Ci>('double', ['dattoPercentageUsed'], null, true),
  ...constants<Ci>('long', ['dattoProtectedKilobytes'], null, true),
  ...constants<Ci>('string', ['dattoRemoteIP', 'dattoSerialNumber'], null, true),
  ...constants<Ci>('integer', ['dattoUptimeSeconds'], null, true),
  ...constants<Ci>('long', ['dattoUsedKilobytes'], null, true),
  ...constants<Ci>('integer', ['dattoZFSVersionID'], null, true),
];

const rmmFields: AtField<Ci>[] = [
  ...constants<Ci>('integer', ['rmmDeviceAuditAntivirusStatusID', 'rmmDeviceAuditArchitectureID', 'rmmDeviceAuditBackupStatusID'], null, true),
  ...constants<Ci>('string', ['rmmDeviceAuditDescription'], null, true),
  ...constants<Ci>('integer', ['rmmDeviceAuditDeviceTypeID', 'rmmDeviceAuditDisplayAdaptorID', 'rmmDeviceAuditDomainID'], null, true),
  ...constants<Ci>('string', ['rmmDeviceAuditExternalIPAddress'], null, true),
  text('rmmDeviceAuditHostname', 255, (c) => c.hostname, true),
  text('rmmDeviceAuditIPAddress', 255, (c) => c.ipAddress, true),
  ...constants<Ci>('string', ['rmmDeviceAuditLastUser'], null, true),
  text('rmmDeviceAuditMacAddress', 255, (c) => c.macAddress, true),
  {
    name: 'rmmDeviceAuditManufacturerID',
    dataType: 'integer',
    readOnly: true,
    picklist: (state) => registryPicklist(state.manufacturers),
    get: (c, state) => state.manufacturers.idOf(c.manufacturer),
  },
  ...constants<Ci>('long', ['rmmDeviceAuditMemoryBytes'], null, true),
  ...constants<Ci>('integer', ['rmmDeviceAuditMissingPatchCount', 'rmmDeviceAuditMobileNetworkOperatorID'], null, true),
  ...constants<Ci>('string', ['rmmDeviceAuditMobileNumber'], null, true),
  {
    name: 'rmmDeviceAuditModelID',
    dataType: 'integer',
    readOnly: true,
    picklist: (state) => registryPicklist(state.models),
    get: (c, state) => state.models.idOf(c.model),
  },
  ...constants<Ci>('integer', ['rmmDeviceAuditMotherboardID'], null, true),
  text('rmmDeviceAuditOperatingSystem', 255, (c) => c.osType, true),
  ...constants<Ci>('integer', ['rmmDeviceAuditPatchStatusID', 'rmmDeviceAuditProcessorID'], null, true),
  ...constants<Ci>('string', ['rmmDeviceAuditSNMPContact', 'rmmDeviceAuditSNMPLocation', 'rmmDeviceAuditSNMPName'], null, true),
  ...constants<Ci>('integer', ['rmmDeviceAuditServicePackID', 'rmmDeviceAuditSoftwareStatusID'], null, true),
  ...constants<Ci>('long', ['rmmDeviceAuditStorageBytes', 'rmmDeviceID'], null, true),
  ...constants<Ci>('string', ['rmmDeviceUID'], null, true),
  ...constants<Ci>('integer', ['rmmOpenAlertCount'], null, true),
];

/** Products are a reference entity the simulator does not serve; a steady id per model keeps `productID` plausible. */
const productId = (c: Ci, models: { idOf(label: string | null): number | null }) => 29682800 + (models.idOf(c.model) ?? 0);

export const configurationItemsEntity = defineEntity<Ci>({
  path: 'ConfigurationItems',
  label: 'InstalledProduct',
  canCreate: true,
  canUpdate: true,
  cached: true,
  canDelete: false,
  rows: (state) => ({ ids: () => [...state.world.tables.configurations.keys()], get: (id) => state.world.get('configurations', id) }),
  udfs: [{ name: 'Backup Enabled', type: 'string', get: (c) => (c.id % 3 === 0 ? 'Yes' : 'No') }],
  fields: [
    { name: 'id', dataType: 'long', readOnly: true, required: true, get: (c) => c.id },
    ...constants<Ci>('integer', ['apiVendorID'], null, true),
    ...constants<Ci>('integer', ['configurationItemCategoryID'], 1),
    { name: 'companyID', dataType: 'integer', required: true, reference: 'Company', get: (c) => c.companyId },
    ...constants<Ci>('integer', ['companyLocationID']),
    {
      name: 'configurationItemType',
      dataType: 'integer',
      picklist: (state) => lookupsAsPicklist(state.world.lookups.configurationTypes),
      get: (c) => c.typeId,
    },
    ...constants<Ci>('integer', ['contactID', 'contractID', 'contractServiceBundleID', 'contractServiceID']),
    { name: 'createDate', dataType: 'datetime', readOnly: true, get: (c) => c.createdAt },
    ...constants<Ci>('integer', ['createdByPersonID'], null, true),
    ...constants<Ci>('double', ['dailyCost']),
    ...dattoFields,
    ...constants<Ci>('string', ['deviceNetworkingID', 'domain'], null, true),
    ...constants<Ci>('integer', ['domainRegistrarID']),
    ...constants<Ci>('datetime', ['domainRegistrationDateTime', 'domainLastUpdatedDateTime', 'domainExpirationDateTime']),
    ...constants<Ci>('double', ['hourlyCost']),
    ...constants<Ci>('integer', ['impersonatorCreatorResourceID'], null, true),
    { name: 'installDate', dataType: 'datetime', get: (c) => c.createdAt },
    ...constants<Ci>('integer', ['installedByContactID', 'installedByID']),
    { name: 'isActive', dataType: 'boolean', required: true, get: (c) => c.active },
    ...constants<Ci>('integer', ['lastActivityPersonID', 'lastActivityPersonType'], null, true),
    { name: 'lastModifiedTime', dataType: 'datetime', readOnly: true, get: (c) => c.updatedAt },
    ...constants<Ci>('string', ['location']),
    ...constants<Ci>('double', ['monthlyCost']),
    text('notes', 5000, () => ''),
    ...constants<Ci>('double', ['numberOfUsers']),
    ...constants<Ci>('integer', ['parentConfigurationItemID']),
    ...constants<Ci>('double', ['perUseCost']),
    { name: 'productID', dataType: 'integer', required: true, reference: 'Product', get: (c, state) => productId(c, state.models) },
    text('referenceNumber', 50, (c) => c.tagNumber),
    text('referenceTitle', 200, (c) => c.name),
    ...rmmFields,
    text('serialNumber', 100, (c) => c.serialNumber),
    ...constants<Ci>('integer', ['serviceBundleID', 'serviceID', 'serviceLevelAgreementID']),
    ...constants<Ci>('double', ['setupFee']),
    ...constants<Ci>('integer', ['sourceChargeID', 'sourceChargeType']),
    ...constants<Ci>('string', ['sslSource', 'sslCommonName'], null, true),
    ...constants<Ci>('datetime', ['sslValidFromDateTime', 'sslValidUntilDateTime'], null, true),
    ...constants<Ci>('string', ['sslIssuedBy', 'sslOrganization', 'sslOrganizationUnit', 'sslLocation', 'sslSerialNumber', 'sslSignatureAlgorithm'], null, true),
    ...constants<Ci>('integer', ['vendorID']),
    {
      name: 'warrantyExpirationDate',
      dataType: 'datetime',
      get: (c) => (c.warrantyExpiration ? new Date(`${c.warrantyExpiration}T00:00:00Z`) : null),
    },
  ],
});

import { invalidParameter } from './errors.js';

/**
 * The top-level fields of each ConnectWise entity (from specs/connectwise-manage.openapi.json). A query may name any
 * of them (a field the simulator does not fill is simply null); a name outside the list is a 400 as on the real API.
 * `[]` marks collections, which only `childConditions` may reach into.
 */
const userDefined = Array.from({ length: 10 }, (_, i) => `userDefinedField${i + 1}`).join(' ');

const entityFields = {
  company: `id identifier name status addressLine1 addressLine2 city state zip country phoneNumber faxNumber website territory market
    accountNumber defaultContact dateAcquired sicCode parentCompany annualRevenue creditLimit additionalDebt numberOfEmployees
    yearEstablished revenueYear ownershipType timeZoneSetup leadSource leadFlag unsubscribeFlag calendar ${userDefined} vendorIdentifier
    taxIdentifier taxCode billingTerms invoiceTemplate pricingSchedule companyEntityType billToCompany billingSite billingContact
    invoiceDeliveryMethod emailTemplate invoiceToEmailAddress invoiceCCEmailAddress deletedFlag dateDeleted deletedBy mobileGuid
    facebookUrl twitterUrl linkedInUrl currency territoryManager resellerIdentifier isVendorFlag types[] site integratorTags[] _info
    customFields[]`,
  configuration: `id name type status company contact site locationId location businessUnitId department deviceIdentifier serialNumber
    modelNumber tagNumber purchaseDate installationDate installedBy warrantyExpirationDate vendorNotes notes macAddress lastLoginName
    billFlag backupSuccesses backupIncomplete backupFailed backupRestores lastBackupDate backupServerName backupBillableSpaceGb
    backupProtectedDeviceList backupYear backupMonth ipAddress defaultGateway osType osInfo cpuSpeed ram localHardDrives
    parentConfigurationId vendor manufacturer questions[] activeFlag managementLink remoteLink sla mobileGuid displayVendorFlag
    companyLocationId showRemoteFlag showAutomateFlag needsRenewalFlag manufacturerPartNumber _info customFields[]`,
  contact: `id firstName lastName company site addressLine1 addressLine2 city state zip country relationship relationshipOverride
    department inactiveFlag defaultMergeContactId securityIdentifier managerContact assistantContact title school nickName marriedFlag
    childrenFlag children significantOther portalPassword portalSecurityLevel disablePortalLoginFlag unsubscribeFlag gender birthDay
    anniversary presence mobileGuid facebookUrl twitterUrl linkedInUrl defaultPhoneType defaultPhoneNbr defaultPhoneExtension
    defaultBillingFlag defaultFlag companyLocation communicationItems[] types[] integratorTags[] customFields[] photo ignoreDuplicates
    _info typeIds[] ${userDefined}`,
  companyType: 'id name defaultFlag vendorFlag serviceAlertFlag serviceAlertMessage _info connectWiseId',
  companyStatus: 'id name defaultFlag inactiveFlag notifyFlag disallowSavingFlag notificationMessage customNoteFlag cancelOpenTracksFlag track _info connectWiseId',
  configurationType: 'id name inactiveFlag systemFlag _info connectWiseId',
  configurationStatus: 'id description closedFlag defaultFlag _info connectWiseId',
  contactType: 'id description defaultFlag serviceAlertFlag serviceAlertMessage _info connectWiseId',
};

export type CwResource = keyof typeof entityFields;

interface FieldInfo {
  name: string;
  collection: boolean;
}

const schemas = new Map<CwResource, Map<string, FieldInfo>>(
  (Object.entries(entityFields) as [CwResource, string][]).map(([resource, list]) => [
    resource,
    new Map(
      list
        .split(/\s+/)
        .filter(Boolean)
        .map((entry) => {
          const collection = entry.endsWith('[]');
          const name = collection ? entry.slice(0, -2) : entry;
          return [name.toLowerCase(), { name, collection }];
        }),
    ),
  ]),
);

export type PathUse = 'conditions' | 'childConditions' | 'orderBy';

/** The canonical name of a top-level field, or undefined when the entity has no such field. */
export function knownField(resource: CwResource, name: string): string | undefined {
  return schemas.get(resource)!.get(name.toLowerCase())?.name;
}

/**
 * Checks a path against the entity and returns it with the top-level name in its canonical case. Deeper segments are
 * matched case-insensitively against the record when evaluated.
 */
export function checkPath(resource: CwResource, segments: readonly string[], use: PathUse): string[] {
  const field = schemas.get(resource)!.get(segments[0]!.toLowerCase());
  const shown = segments.join('/');
  if (!field) throw invalidParameter(resource, use, `Unknown field '${shown}' on ${resource}.`);
  if (use === 'childConditions' && !field.collection) {
    throw invalidParameter(resource, use, `'${shown}' is not a child collection of ${resource}; use conditions for it.`);
  }
  if (use !== 'childConditions' && field.collection) {
    throw invalidParameter(resource, use, `'${shown}' is a child collection; filter on it with childConditions.`);
  }
  return [field.name, ...segments.slice(1)];
}

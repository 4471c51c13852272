/** The parts of Halo's JSON the connector reads. Every member is optional: Halo leaves unset values out. */
export interface HaloAddress {
  line1?: string | null;
  line2?: string | null;
  line3?: string | null;
  line4?: string | null;
  postcode?: string | null;
}

export interface HaloClient {
  id: number;
  name?: string | null;
  toplevel_id?: number | null;
  toplevel_name?: string | null;
  inactive?: boolean | null;
  website?: string | null;
  main_phonenumber?: string | null;
  main_delivery_address?: HaloAddress | null;
  alastupdate?: string | null;
}

export interface HaloAssetField {
  id?: number;
  name?: string | null;
  value?: unknown;
  display?: string | null;
}

export interface HaloAsset {
  id: number;
  inventory_number?: string | null;
  key_field?: string | null;
  key_field2?: string | null;
  key_field3?: string | null;
  client_id?: number | null;
  assettype_id?: number | null;
  assettype_name?: string | null;
  status_id?: number | null;
  status_name?: string | null;
  inactive?: boolean | null;
  warranty_end?: string | null;
  dlastupdate?: string | null;
  fields?: HaloAssetField[] | null;
}

export interface HaloUser {
  id: number;
  name?: string | null;
  firstname?: string | null;
  surname?: string | null;
  title?: string | null;
  emailaddress?: string | null;
  phonenumber?: string | null;
  mobilenumber?: string | null;
  client_id?: number | null;
  inactive?: boolean | null;
  ulastupdate?: string | null;
}

export interface HaloNamed {
  id: number;
  name?: string | null;
}

export interface HaloToken {
  access_token: string;
  token_type?: string;
  expires_in?: number;
}

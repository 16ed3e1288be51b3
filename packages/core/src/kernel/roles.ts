/** The roles of a partner programme: vendor staff (programme owner, channel manager, finance) and partner users; each is a Cognito group. */
export const VENDOR_ROLES = ['vendor-admin', 'channel-manager', 'finance'] as const;
export const PARTNER_ROLES = ['partner-admin', 'partner-sales', 'partner-marketing', 'partner-user'] as const;
export const ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;
export type Role = (typeof ROLES)[number];
/**
 * The roles that need a second factor: they administer the programme or see money. Cognito
 * cannot require MFA per group, so the pre-token trigger withholds these groups from a token
 * until the user has TOTP set up (functions/platform/pre-token.ts).
 */
export const MFA_ROLES = ['vendor-admin', 'finance'] as const;
export type VendorRole = (typeof VENDOR_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const isVendorRole = (r: string): r is VendorRole => (VENDOR_ROLES as readonly string[]).includes(r);
export const isPartnerRole = (r: string): r is PartnerRole => (PARTNER_ROLES as readonly string[]).includes(r);

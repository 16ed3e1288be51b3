import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CfnResource, SYNTH_TIMEOUT_MS, type Synthesised, synthesise } from './synth.ts';

/** The user pool's e-mail sending and MFA enforcement, with the default configuration and with SES. */
let plain: Synthesised;
let withSes: Synthesised;
beforeAll(() => {
  plain = synthesise({ bundle: false, cfnValidation: false });
  withSes = synthesise({
    bundle: false,
    cfnValidation: false,
    context: {
      sesFromEmail: 'no-reply@vendor.example',
      sesFromName: 'Vendor Partner Portal',
      sesReplyTo: 'partners@vendor.example',
      sesVerifiedDomain: 'vendor.example',
      sesRegion: 'eu-west-1',
      sesConfigurationSet: 'channelbase-prod',
      invitationDays: '10',
    },
  });
}, SYNTH_TIMEOUT_MS);
afterAll(() => {
  plain?.cleanup();
  withSes?.cleanup();
});

const pool = (s: Synthesised) => (s.ofType('AWS::Cognito::UserPool') as [[string, CfnResource]])[0];

describe('user pool e-mail', () => {
  it("uses Cognito's sender by default, with a 7-day invitation (temporary password)", () => {
    const [, p] = pool(plain);
    expect(p.Properties.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(p.Properties.Policies.PasswordPolicy.TemporaryPasswordValidityDays).toBe(7);
  });

  it('sends through SES when configured: From with name, reply-to, the domain identity of the SES region, the configuration set', () => {
    const [, p] = pool(withSes);
    const config = p.Properties.EmailConfiguration;
    expect(config).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Vendor Partner Portal <no-reply@vendor.example>',
      ReplyToEmailAddress: 'partners@vendor.example',
      ConfigurationSet: 'channelbase-prod',
    });
    expect(JSON.stringify(config.SourceArn)).toContain(':ses:eu-west-1:');
    expect(JSON.stringify(config.SourceArn)).toContain('identity/vendor.example');
    expect(p.Properties.Policies.PasswordPolicy.TemporaryPasswordValidityDays).toBe(10);
  });
});

describe('MFA for vendor-admin and finance', () => {
  it('keeps MFA optional with TOTP on the pool', () => {
    const [, p] = pool(plain);
    expect(p.Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('lets the pre-token trigger read whether a user has TOTP (AdminGetUser on this pool only), in a policy of its own', () => {
    const [poolId] = pool(plain);
    const statements = plain
      .ofType('AWS::IAM::Policy')
      .flatMap(([, r]) =>
        (r.Properties.PolicyDocument.Statement as { Sid?: string; Action: unknown; Resource: unknown }[]).map((st) => ({ st, roles: r.Properties.Roles })),
      );
    const mfa = statements.filter(({ st }) => st.Sid === 'MfaEnrolmentRead');
    expect(mfa).toHaveLength(1);
    expect(mfa[0]!.st).toMatchObject({ Sid: 'MfaEnrolmentRead', Action: 'cognito-idp:AdminGetUser', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } });
    expect(JSON.stringify(mfa[0]!.roles)).toMatch(/PreTokenGeneration/);
  });
});

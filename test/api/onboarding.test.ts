import { describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { applicationBody, publishAgreement } from '../support/onboarding.ts';

const t = useStack();

const eventsOf = (type: string) => t.stack.bus.published.filter((e) => e['detail-type'] === type);

async function submit(body = applicationBody()) {
  const res = await t.applicant().call('POST', '/applications', { body });
  expect(res.status, res.text).toBe(202);
  return res.body.id as string;
}

describe('applications: anonymous submission and automated checks', () => {
  it('accepts an application without a token and answers only "received"', async () => {
    const body = applicationBody();
    const res = await t.applicant().call('POST', '/applications', { body });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^app_/), status: 'received' });

    const cm = await t.as('channel-manager');
    const app = await cm.call('GET', `/applications/${res.body.id}`);
    expect(app.status).toBe(200);
    expect(app.headers.get('etag')).toBe(`"${res.body.id}.v1"`);
    expect(app.body).toMatchObject({
      status: 'pending',
      company: { legalName: body.company.legalName, webDomain: body.company.webDomain },
      checks: { duplicate: { passed: true, matches: [] }, requiredFields: { passed: true, missing: [] }, country: { passed: true, allowed: null } },
      flagged: false,
      reviewSlaDays: 3,
      remindersSent: 0,
      decision: null,
    });
    await t.stack.drain();
    expect(eventsOf('ApplicationSubmitted').map((e) => (e.detail.data as { application: { id: string } }).application.id)).toContain(res.body.id);
  });

  it('flags a duplicate of an existing partner by registrable domain, tax id and legal name, and says nothing about it to the applicant', async () => {
    const admin = await t.as('vendor-admin');
    const partner = await admin.call('POST', '/partners', {
      body: { legalName: 'Initech Limited', webDomain: 'initech.co.uk', country: 'GB', type: 'reseller', taxId: 'GB 999 888 777' },
    });
    expect(partner.status).toBe(201);

    const res = await t.applicant().call('POST', '/applications', {
      body: applicationBody({ company: { legalName: 'INITECH Ltd.', webDomain: 'sales.initech.co.uk', taxId: 'gb999888777' } }),
    });
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'status']);

    const app = (await admin.call('GET', `/applications/${res.body.id}`)).body;
    expect(app.flagged).toBe(true);
    expect(app.checks.duplicate.passed).toBe(false);
    expect(app.checks.duplicate.matches).toEqual(
      expect.arrayContaining([
        { on: 'webDomain', value: 'initech.co.uk', kind: 'partner', id: partner.body.id },
        { on: 'taxId', value: 'GB999888777', kind: 'partner', id: partner.body.id },
        { on: 'legalName', value: 'initech', kind: 'partner', id: partner.body.id },
      ]),
    );
    expect(app.checks.duplicate.matches).toHaveLength(3);
    await t.stack.drain();
    const flagged = eventsOf('ApplicationFlaggedDuplicate').find((e) => (e.detail.data as { applicationId: string }).applicationId === res.body.id);
    expect(flagged).toBeDefined();
  });

  it('does not flag an organisation that merely shares a public suffix', async () => {
    const cm = await t.as('channel-manager');
    const first = await submit(applicationBody({ company: { webDomain: 'hooli.co.uk', legalName: 'Hooli Ltd' } }));
    const second = await submit(applicationBody({ company: { webDomain: 'pied-piper.co.uk', legalName: 'Pied Piper Ltd' } }));
    for (const id of [first, second]) expect((await cm.call('GET', `/applications/${id}`)).body.checks.duplicate.passed).toBe(true);
  });

  it('stores failed required-field and country checks for the reviewer instead of refusing the applicant', async () => {
    const admin = await t.as('vendor-admin');
    const current = await admin.call('GET', '/programme/onboarding');
    expect(current.body.version).toBe(0);
    const { updatedAt: _u, version: _v, ...settings } = current.body;
    const put = await admin.call('PUT', '/programme/onboarding', {
      body: { ...settings, allowedCountries: ['GB', 'IE'], requiredFields: { ...settings.requiredFields, distributor: ['company.taxId', 'contact.phone'] } },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(put.status, put.text).toBe(200);
    try {
      const id = await submit(applicationBody({ partnerType: 'distributor', company: { country: 'FR', taxId: undefined } }));
      const app = (await admin.call('GET', `/applications/${id}`)).body;
      expect(app.flagged).toBe(true);
      expect(app.checks.requiredFields).toEqual({ passed: false, missing: ['company.taxId', 'contact.phone'] });
      expect(app.checks.country).toEqual({ passed: false, allowed: ['GB', 'IE'] });
    } finally {
      const now = await admin.call('GET', '/programme/onboarding');
      await admin.call('PUT', '/programme/onboarding', { body: settings, headers: { 'if-match': now.headers.get('etag')! } });
    }
  });

  it('lists applications by status, newest first, with a cursor; only vendor roles may read them', async () => {
    const cm = await t.as('channel-manager');
    const ids = [await submit(), await submit(), await submit()];
    const page1 = await cm.call('GET', '/applications?status=pending&limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].id).toBe(ids[2]);
    expect(page1.body.items[1].id).toBe(ids[1]);
    const page2 = await cm.call('GET', `/applications?status=pending&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
    expect(page2.body.items[0].id).toBe(ids[0]);

    const partnerAdmin = await t.as('partner-admin', { partnerId: 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A' });
    expect((await partnerAdmin.call('GET', '/applications')).status).toBe(403);
    expect((await partnerAdmin.call('GET', `/applications/${ids[0]}`)).status).toBe(403);
    expect((await t.anonymous.call('GET', '/applications')).status).toBe(401);
  });
});

describe('decisions: approve creates the partner, its admin and the agreement offer; reject needs a reason', () => {
  it('approval needs a published programme agreement (runs first: this file publishes none before it)', async () => {
    const cm = await t.as('channel-manager');
    const id = await submit();
    const before = await t.itemCount();
    const res = await cm.call('POST', `/applications/${id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/agreement/);
    expect(await t.itemCount()).toBe(before);
    expect((await cm.call('GET', `/applications/${id}`)).body.status).toBe('pending');
  });

  it('approval → onboarding partner, partner-admin user, offered agreement; acceptance → active partner and open checklist', async () => {
    const admin = await t.as('vendor-admin');
    const agreement = await publishAgreement(admin);
    const cm = await t.as('channel-manager');
    const body = applicationBody();
    const id = await submit(body);

    const approved = await cm.call('POST', `/applications/${id}/approve`, { body: { tier: 'silver' } });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe('approved');
    const { partnerId, adminUserId } = approved.body.decision;
    expect(partnerId).toMatch(/^ptr_/);
    expect(adminUserId).toMatch(/^usr_/);

    const partner = (await cm.call('GET', `/partners/${partnerId}`)).body;
    expect(partner).toMatchObject({
      status: 'onboarding',
      legalName: body.company.legalName,
      webDomain: body.company.webDomain,
      taxId: body.company.taxId,
      tier: 'silver',
      type: 'reseller',
    });
    const user = (await admin.call('GET', `/partners/${partnerId}/users/${adminUserId}`)).body;
    expect(user).toMatchObject({ email: body.contact.email, roles: ['partner-admin'], status: 'active' });

    // Locally the new admin signs in with a local token (in AWS: the Cognito invitation).
    const partnerAdmin = await t.as('partner-admin', { partnerId, userId: adminUserId, sub: adminUserId });
    const offers = await partnerAdmin.call('GET', `/partners/${partnerId}/agreements`);
    expect(offers.status).toBe(200);
    expect(offers.body.items).toEqual([
      expect.objectContaining({ agreementId: agreement.id, agreementVersion: agreement.agreementVersion, status: 'offered' }),
    ]);
    const offer = offers.body.items[0];
    expect(Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt)).toBe(14 * 86_400_000);
    expect(Date.parse(offer.remindAt) - Date.parse(offer.offeredAt)).toBe(7 * 86_400_000);

    const accept = await partnerAdmin.call('POST', `/partners/${partnerId}/agreements/${agreement.id}/accept`);
    expect(accept.status, accept.text).toBe(200);
    expect(accept.body).toMatchObject({
      status: 'accepted',
      acceptedBy: { sub: adminUserId, userId: adminUserId },
      agreementVersion: agreement.agreementVersion,
    });
    expect((await partnerAdmin.call('POST', `/partners/${partnerId}/agreements/${agreement.id}/accept`)).status).toBe(409);
    expect((await cm.call('GET', `/partners/${partnerId}`)).body.status).toBe('active');

    const history = (await cm.call('GET', `/partners/${partnerId}/history`)).body.items;
    expect(history[0]).toMatchObject({
      action: 'PartnerActivated',
      changes: expect.arrayContaining([
        { field: 'status', from: 'onboarding', to: 'active' },
        { field: 'agreement', from: null, to: { agreementId: agreement.id, agreementVersion: agreement.agreementVersion } },
      ]),
    });

    await t.stack.drain();
    const types = t.stack.bus.published.filter((e) => e.detail.partnerId === partnerId).map((e) => e['detail-type']);
    expect(types).toEqual(
      expect.arrayContaining(['ApplicationApproved', 'PartnerCreated', 'PartnerUserAdded', 'AgreementOffered', 'AgreementAccepted', 'PartnerActivated']),
    );

    const checklist = await partnerAdmin.call('GET', `/partners/${partnerId}/onboarding`);
    expect(checklist.status).toBe(200);
    expect(checklist.body.items.map((i: { id: string; done: boolean }) => [i.id, i.done])).toEqual([
      ['complete-profile', false],
      ['add-users', false],
      ['required-training', false],
    ]);
  });

  it('the checklist completes from events: profile edits, a second user, a certification from training', async () => {
    const admin = await t.as('vendor-admin');
    const agreement = await publishAgreement(admin);
    const cm = await t.as('channel-manager');
    const id = await submit();
    const { partnerId, adminUserId } = (await cm.call('POST', `/applications/${id}/approve`)).body.decision;
    const partnerAdmin = await t.as('partner-admin', { partnerId, userId: adminUserId, sub: adminUserId });
    expect((await partnerAdmin.call('POST', `/partners/${partnerId}/agreements/${agreement.id}/accept`)).status).toBe(200);
    await t.stack.drain();
    const done = async () =>
      Object.fromEntries(
        ((await partnerAdmin.call('GET', `/partners/${partnerId}/onboarding`)).body.items as { id: string; done: boolean }[]).map((i) => [i.id, i.done]),
      );

    const current = await partnerAdmin.call('GET', `/partners/${partnerId}`);
    const patch = await partnerAdmin.call('PATCH', `/partners/${partnerId}`, {
      body: { displayName: 'Globex', specialisations: ['networking', 'security'] },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(patch.status, patch.text).toBe(200);
    await t.stack.drain();
    expect(await done()).toEqual({ 'complete-profile': true, 'add-users': false, 'required-training': false });

    const added = await partnerAdmin.call('POST', `/partners/${partnerId}/users`, {
      body: { email: `sam-${partnerId}@globex.example`, givenName: 'Sam', familyName: 'Sales', roles: ['partner-sales'] },
    });
    expect(added.status).toBe(201);
    await t.stack.drain();
    expect(await done()).toEqual({ 'complete-profile': true, 'add-users': true, 'required-training': false });

    // The training context announces a certification; the same event delivered twice completes the list once.
    const detail = {
      eventId: 'evt_01JD40000000000000000000AA',
      occurredAt: t.stack.clock.now().toISOString(),
      partnerId,
      actor: { sub: 'system', roles: ['system'] },
      data: { certification: { key: 'sales-fundamentals', partnerId, userId: added.body.id } },
    };
    const entry = {
      Source: 'channelbase.training',
      DetailType: 'CertificationIssued',
      Detail: JSON.stringify(detail),
      EventBusName: 'channelbase-local',
      Time: t.stack.clock.now(),
    };
    await t.stack.bus.publish(entry);
    await t.stack.bus.publish(entry);
    await t.stack.drain();
    const list = (await partnerAdmin.call('GET', `/partners/${partnerId}/onboarding`)).body;
    expect(list.completedAt).not.toBeNull();
    expect(list.items.every((i: { done: boolean }) => i.done)).toBe(true);
    expect(eventsOf('OnboardingChecklistCompleted').filter((e) => e.detail.partnerId === partnerId)).toHaveLength(1);
  });

  it('rejects with a reason; a decided application cannot be decided again', async () => {
    const cm = await t.as('channel-manager');
    const id = await submit();
    const noReason = await cm.call('POST', `/applications/${id}/reject`, { body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    const rejected = await cm.call('POST', `/applications/${id}/reject`, { body: { reason: 'Outside our target market' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', reason: 'Outside our target market', by: { roles: ['channel-manager'] } },
    });
    expect((await cm.call('POST', `/applications/${id}/reject`, { body: { reason: 'again' } })).status).toBe(409);
    expect((await cm.call('POST', `/applications/${id}/approve`)).status).toBe(409);
  });

  it('a rejected application gives up its identity keys: a later application is not its duplicate', async () => {
    const cm = await t.as('channel-manager');
    const body = applicationBody();
    const first = await submit(body);
    expect((await cm.call('POST', `/applications/${first}/reject`, { body: { reason: 'Incomplete' } })).status).toBe(200);
    const second = await submit({ ...body, contact: { ...body.contact, email: `again-${body.contact.email}` } });
    expect((await cm.call('GET', `/applications/${second}`)).body.checks.duplicate.passed).toBe(true);
  });

  it('approve and reject at the same time: exactly one decision wins, the other gets 409', async () => {
    const admin = await t.as('vendor-admin');
    await publishAgreement(admin);
    const cm = await t.as('channel-manager');
    for (let round = 0; round < 3; round++) {
      const id = await submit();
      const answers = await Promise.all([
        cm.call('POST', `/applications/${id}/approve`),
        cm.call('POST', `/applications/${id}/reject`, { body: { reason: 'No' } }),
        cm.call('POST', `/applications/${id}/approve`),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
      const app = (await cm.call('GET', `/applications/${id}`)).body;
      const winner = answers.find((a) => a.status === 200)!.body;
      expect(app.status).toBe(winner.status);
      expect(app.version).toBe(2);
      if (app.status === 'approved') expect((await cm.call('GET', `/partners/${app.decision.partnerId}`)).status).toBe(200);
    }
  });

  it('an applicant whose e-mail address already has an account cannot be approved as is: 409, nothing written', async () => {
    const admin = await t.as('vendor-admin');
    const partner = await admin.call('POST', '/partners', {
      body: { legalName: 'Existing Co', webDomain: 'existing-co.example', country: 'GB', type: 'reseller' },
    });
    const email = `taken-${partner.body.id.slice(-6).toLowerCase()}@existing-co.example`;
    expect(
      (await admin.call('POST', `/partners/${partner.body.id}/users`, { body: { email, givenName: 'Tak', familyName: 'En', roles: ['partner-user'] } })).status,
    ).toBe(201);
    const cm = await t.as('channel-manager');
    const id = await submit(applicationBody({ contact: { email } }));
    const before = await t.itemCount();
    const res = await cm.call('POST', `/applications/${id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: 'contact.email', message: 'already in use' }]);
    expect(await t.itemCount()).toBe(before);
    expect((await cm.call('GET', `/applications/${id}`)).body.status).toBe('pending');
  });

  it('an approval with unknown fields is refused and decides nothing', async () => {
    const cm = await t.as('channel-manager');
    const id = await submit();
    const res = await cm.call('POST', `/applications/${id}/approve`, { body: { unknown: true } });
    expect(res.status).toBe(400);
    expect((await cm.call('GET', `/applications/${id}`)).body.status).toBe('pending');
  });
});

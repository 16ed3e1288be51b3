import type { MatrixSamples } from '../../test/support/matrix.ts';

/**
 * The authorisation matrix's samples for onboarding's routes (test/support/matrix.ts). A decision
 * (approve/reject) gets a fresh pending application each time: each decides exactly once.
 * Accepting the (already accepted) agreement is 409, which counts as reached.
 */
export default {
  bodies: {
    submitApplication: (f) => f.applicationBody(),
    listApplications: undefined,
    getApplication: undefined,
    approveApplication: () => ({ note: 'Matrix check' }),
    rejectApplication: () => ({ reason: 'Matrix check' }),
    listPartnerAgreements: undefined,
    acceptAgreement: undefined,
    getOnboardingChecklist: undefined,
    completeChecklistItem: undefined,
    getOnboardingSettings: undefined,
    putOnboardingSettings: (f) => f.onboardingSettings,
    listAgreements: undefined,
    publishAgreement: () => ({ title: 'Matrix Partner Agreement', text: 'The partner agrees to …' }),
  },
  pathParams: {
    'partners.agreementId': (org) => org.agreementId,
    'partners.itemId': (org) => org.itemId,
    'applications.id': (org, route, f) => (route.method === 'GET' ? org.applicationId : f.submitApplication()),
  },
  // Every partner's users follow their own onboarding checklist.
  openToEveryRole: ['getOnboardingChecklist'],
  // Only the partner's admin accepts its agreement: a vendor cannot accept on its behalf.
  partnerOnly: ['acceptAgreement'],
} satisfies MatrixSamples;

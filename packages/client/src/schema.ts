/**
 * The Channelbase API's types, generated from openapi.json by `npm run generate` (openapi-typescript).
 * Do not edit: a test fails when this file is stale.
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description In AWS: 200 whenever the API’s Lambda answers. The local runtime (`npm start`) answers 503 until its startup, including seeding the demo data, has finished: poll until 200, then use the API.
     */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API as an OpenAPI 3.1 document */
    get: operations['openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The API reference page */
    get: operations['docs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who the token belongs to */
    get: operations['me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List partners, newest first, with filters */
    get: operations['listPartners'];
    put?: never;
    /**
     * Create a partner organisation
     * @description Vendor roles create partners directly (for example when migrating an existing programme); prospective partners apply through /applications. The tier and specialisations must be keys of GET /programme/tiers and GET /programme/product-lines (once those lists are defined).
     */
    post: operations['createPartner'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a partner */
    get: operations['getPartner'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update a partner
     * @description Partner admins may change their own profile fields; type, tier and channel manager are for vendor roles. Needs If-Match. A tier or specialisation being set must be a key of the programme vocabulary; values left untouched are not checked. Identity fields (legal name, tax id, web domain, country) changed by a partner admin are not applied: they become a change request that a vendor role approves (202 with the request; the other fields of the same PATCH apply at once).
     */
    patch: operations['updatePartner'];
    trace?: never;
  };
  '/partners/{id}/change-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A partner's identity change requests, newest first */
    get: operations['listChangeRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/change-requests/{changeRequestId}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve an identity change request: the partner takes the requested values
     * @description The duplicate check runs on the new values: one whose organisation identity key another partner or an open application holds is refused (409, naming them) and the request stays pending.
     */
    post: operations['approveChangeRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/change-requests/{changeRequestId}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject an identity change request, with a reason */
    post: operations['rejectChangeRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Suspend a partner
     * @description An active or onboarding partner: its users keep read access and can change nothing (writes answer 403 partner-suspended).
     */
    post: operations['suspendPartner'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/reactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reactivate a suspended partner
     * @description It returns to the status it had: active, or onboarding if it was suspended while onboarding (its agreement deadline still applies).
     */
    post: operations['reactivatePartner'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/terminate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Terminate a partner, for good
     * @description Final: the partner's users lose all access at once (every route answers 403), their accounts are disabled and signed out. Onboarding terminates a partner whose agreement deadline passed (reason `agreement-not-accepted`).
     */
    post: operations['terminatePartner'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a partner's users */
    get: operations['listPartnerUsers'];
    put?: never;
    /**
     * Add a user to a partner
     * @description In AWS the user is then invited through Cognito by e-mail, in the groups of its roles. The invitation is pending until the user first signs in and expires after the invitation window (default 7 days): the user is disabled and the address released. An address already in use is 409 for vendor roles and for an address of the caller's own organisation; a partner admin inviting another organisation's address gets the same answer as for a free one (the user never receives an identity, and the invitation expires).
     */
    post: operations['addPartnerUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a partner user */
    get: operations['getPartnerUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a partner user's name, roles or status */
    patch: operations['updatePartnerUser'];
    trace?: never;
  };
  '/partners/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail of a partner and its users
     * @description Who changed which fields, when, from what to what; newest first.
     */
    get: operations['getPartnerHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/tiers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The programme tiers, highest rank first
     * @description The keys a partner's tier may take, in rank order: the first is the highest. Version 0 (no list yet): any well-formed key is accepted.
     */
    get: operations['getTiers'];
    /**
     * Replace the programme tiers (highest rank first)
     * @description Needs If-Match with the ETag of the last GET. Keys are unique; names may change freely. Removing a key that a partner holds is refused (409, naming the partners); so is a first list that omits a key in use.
     */
    put: operations['putTiers'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/product-lines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The programme's product lines (the keys of partner specialisations)
     * @description Version 0 (no list yet): any well-formed key is accepted.
     */
    get: operations['getProductLines'];
    /**
     * Replace the programme product lines
     * @description Needs If-Match with the ETag of the last GET. Keys are unique; names may change freely. Removing a key that a partner holds as a specialisation is refused (409, naming the partners); so is a first list that omits a key in use.
     */
    put: operations['putProductLines'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List applications, newest first */
    get: operations['listApplications'];
    put?: never;
    /**
     * Apply to become a partner (no account needed)
     * @description Automated checks (duplicate organisation, required fields, allowed country) run at once and are stored for the reviewer. The answer is the same whatever they found: the applicant learns nothing about existing partners. Rate-limited per source address (10 a minute), and capped: at most 3 undecided applications per registrable web domain and 10 per source address at a time (429 `too-many-open-applications`, with Retry-After). An application nobody decides within 30 days expires, and its claims on the organisation's identity and its places under the caps lapse.
     */
    post: operations['submitApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an application with its check results */
    get: operations['getApplication'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve an application
     * @description Creates the partner (status onboarding) and its first partner-admin user (the applicant's contact; in AWS invited by e-mail through Cognito), and offers the programme's current agreement. Exactly one decision wins: a second approve or reject gets 409.
     */
    post: operations['approveApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject an application, with a reason */
    post: operations['rejectApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/agreements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Agreements offered to a partner, and their acceptance */
    get: operations['listPartnerAgreements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/agreements/{agreementId}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept the offered agreement (activates an onboarding partner)
     * @description Records who accepted, when and which version; the partner becomes active and its onboarding checklist opens.
     */
    post: operations['acceptAgreement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/onboarding': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A partner's onboarding checklist */
    get: operations['getOnboardingChecklist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/onboarding/items/{itemId}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a manual checklist item done
     * @description Only items of kind `manual`; the others complete themselves from events.
     */
    post: operations['completeChecklistItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/onboarding': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Onboarding settings: review SLA, allowed countries, required fields, agreement deadline, checklist */
    get: operations['getOnboardingSettings'];
    /**
     * Replace the onboarding settings
     * @description Needs If-Match with the ETag of the last GET. Applies to applications submitted and agreements offered afterwards.
     */
    put: operations['putOnboardingSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/agreements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Published agreement versions, newest (current) first */
    get: operations['listAgreements'];
    put?: never;
    /**
     * Publish a new agreement version (it becomes current)
     * @description Offers made before keep the version they offered.
     */
    post: operations['publishAgreement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Leads, newest first
     * @description Vendor roles: every lead, optionally of one status and/or partner. Partner users: the leads offered to or owned by their organisation (`partnerId` is their own); before acceptance without contact details.
     */
    get: operations['listLeads'];
    put?: never;
    /**
     * Take in a qualified lead (routed at once unless `route: false`)
     * @description The lead is offered to the best candidate partner, or goes to the vendor pool with the reason. The same `externalId` again answers 200 with the existing lead and creates nothing. Product lines must be keys of /programme/product-lines.
     */
    post: operations['createLead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take in up to 500 leads; each gets its own result
     * @description Each item is validated, created (idempotent by externalId) and routed on its own: `created`, `duplicate` (of the lead named) or `invalid` (with field paths). One bad item never rejects the others.
     */
    post: operations['createLeadBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a lead
     * @description A partner user reads a lead only while it is offered to or owned by its organisation (else 404); the contact only after acceptance.
     */
    get: operations['getLead'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept an offered lead (reveals its contact)
     * @description By the offered partner's admin or sales user (a vendor role may record it on the partner's behalf). A partner admin may assign it to one of its users. Exactly one of an acceptance and the SLA expiry wins; a late acceptance is 409.
     */
    post: operations['acceptLead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decline an offered lead, with a reason
     * @description The lead is offered to the next candidate at once (or returns to the pool); this partner is never offered it again.
     */
    post: operations['rejectLead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move an accepted lead on: contacted, qualified, converted or lost
     * @description `lost` needs a reason. `converted` needs `deal` (expected close date, description; the customer, contact, lines and value default to the lead's): the deal registration is made through the deal registration context and named on the lead (`dealRegistrationId`) in one transaction. Converting a converted lead again answers it with the same registration.
     */
    post: operations['changeLeadStatus'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A lead's notes, oldest first */
    get: operations['listLeadNotes'];
    put?: never;
    /** Add a note to a lead (vendor and owning partner) */
    post: operations['addLeadNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/route': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Route a lead again (a new lead or one in the vendor pool)
     * @description Its offer count starts again; partners that declined it or let it expire stay excluded.
     */
    post: operations['routeLead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/leads/{id}/routing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every routing decision of a lead, newest first, with each candidate's score breakdown and each exclusion's reason */
    get: operations['getLeadRouting'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/routing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Lead routing settings: score weights, offer SLA, maximum offers, stale period */
    get: operations['getRoutingSettings'];
    /**
     * Replace the lead routing settings
     * @description Needs If-Match with the ETag of the last GET. No weight may be negative, and not all may be zero. Decisions record the version they used.
     */
    put: operations['putRoutingSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/conflict-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check a customer and product lines for conflicts before registering
     * @description The same logic as submission. A partner learns only `no-conflict` or `possible-conflict`: never another partner's name, id, registration or how many matched. Vendor roles see each matching registration and why it matched (registrable domain, normalised name, product lines); they may name the partner the registration would be for (`partnerId`).
     */
    post: operations['checkDealConflicts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List registrations, newest first
     * @description Vendor roles: every registration. Partner users: their organisation's, as registering or second partner.
     */
    get: operations['listDeals'];
    put?: never;
    /**
     * Register a deal
     * @description Partner users register for their own organisation; vendor roles on behalf of a partner (`partnerId`). The close date must be in the future, the value positive, the product lines defined in /programme/product-lines and the second partner active. Conflicts are checked at submission as by /deals/conflict-check; a registration without conflict that the deal rules' auto-approval admits is approved at once, with its protection; otherwise it waits for a channel manager (`submitted`, or `under_review` when flagged).
     */
    post: operations['registerDeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a registration
     * @description Partner users read their organisation's registrations (as registering or second partner); any other is 404.
     */
    get: operations['getDeal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/conflicts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The active registrations matching this one's customer and product lines, and why */
    get: operations['getDealConflicts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a registration (grants its benefit and protection)
     * @description Protection is written in the same transaction, at most one per customer and product line: approving a conflict while another registration holds protection is 409, unless the first-registrant policy is on (a later registrant is then approved with the reduced benefit and no protection).
     */
    post: operations['approveDeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a registration, with a reason */
    post: operations['rejectDeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/extend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Extend a registration's protection, once, before it expires
     * @description The registering partner requests it (or a vendor role grants it); by the deal rules’ extensionDays.
     */
    post: operations['extendDeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/won': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark an approved registration won (the registering partner)
     * @description The final amount must be positive and in the registration's currency; per product line when it has more than one. Releases its protection.
     */
    post: operations['markDealWon'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/lost': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an approved registration lost, with a reason (the registering partner) */
    post: operations['markDealLost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deals/{id}/reverse-win': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Correct a won registration to lost, with a reason (DealWonReversed) */
    post: operations['reverseDealWin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/deal-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deal rules: auto-approval, review SLA, protection and extension, benefits, first-registrant policy */
    get: operations['getDealRules'];
    /**
     * Replace the deal rules (a new version)
     * @description Needs If-Match with the ETag of the last GET. Each decision records the version it used; every version is kept.
     */
    put: operations['putDealRules'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/courses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Courses: every course for vendor roles, the curriculum of their role for partner users
     * @description A partner user sees the courses whose audience includes its role: partner-sales the sales courses, partner-marketing the marketing ones, partner-user the technical ones, partner-admin all.
     */
    get: operations['listCourses'];
    put?: never;
    /** Add a course */
    post: operations['createCourse'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/courses/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a course */
    get: operations['getCourse'];
    /** Replace a course */
    put: operations['putCourse'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/exams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Exams (questions and answer keys for vendor-admin only) */
    get: operations['listExams'];
    put?: never;
    /** Add an exam with its question bank and answer keys */
    post: operations['createExam'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/exams/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an exam (its answer keys for vendor-admin only) */
    get: operations['getExam'];
    /**
     * Replace an exam, its question bank and answer keys
     * @description Attempts already started are graded against the questions they drew.
     */
    put: operations['putExam'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/exams/{id}/attempts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start an attempt: a random draw of questions with shuffled options, without answers
     * @description For the calling partner user. The draw prefers questions the user has not seen before; the draw and the option order are stored, and the options are labelled a, b, c… in this attempt's order. At most the exam's `attempts.max` attempts in any `attempts.periodDays` days: beyond that 429 `too-many-attempts` with Retry-After.
     */
    post: operations['startAttempt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/exams/{id}/attempts/{attemptId}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit the answers: graded on the server against the stored draw
     * @description An attempt is graded once: submitting it again answers the same result. After the time limit and a 30-second grace the submission is refused (409 `attempt-late`) and the attempt counts as failed. The result shows the score and pass or fail per topic; which questions were wrong only under the `wrong-questions` review policy, after the last allowed attempt or once certified; never the answer keys. A pass issues or renews the certification.
     */
    post: operations['submitAttempt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/certifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Certifications, by partner and user (partner users: their own organisation only)
     * @description A partner user naming another partner gets 404, as for a partner that does not exist.
     */
    get: operations['listCertifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/accreditations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A partner's accreditations: each rule, whether it is met, and what is missing */
    get: operations['getPartnerAccreditations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programme/accreditation-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Accreditation rules: the certifications a partner needs, by role, for each accreditation */
    get: operations['getAccreditationRules'];
    /**
     * Replace the accreditation rules (every partner is evaluated again)
     * @description Needs If-Match with the ETag of the last GET.
     */
    put: operations['putAccreditationRules'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/incentive-programs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Incentive programmes, newest first (each in its current version) */
    get: operations['listIncentivePrograms'];
    put?: never;
    /**
     * Create an incentive programme (its version 1)
     * @description Rules are checked when saved: accelerator brackets must be contiguous (no gap, no overlap, only the last open), rates between 0 and 10000 bp, rule ids unique, and every product line and tier named must be in the programme vocabularies (`/programme/product-lines`, `/programme/tiers`). A problem names each field (`body.rules.0.brackets.1.fromPercent`) and nothing is written.
     */
    post: operations['createIncentiveProgram'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/incentive-programs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a programme: its current version, or any earlier one with `?version=` */
    get: operations['getIncentiveProgram'];
    /**
     * Make a new version of a programme, in force from its `effectiveFrom`
     * @description Needs If-Match with the ETag of the current version. Earlier versions are kept: a deal accrues under the version in force at its close date and its entries record which.
     */
    put: operations['putIncentiveProgram'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's incentive ledger for a period: every entry, explained, with the running balance
     * @description A partner user sees its own organisation only (another partner answers 404, as for one that does not exist); vendor roles see every partner. Entries are never edited: a reversal or an adjustment is an entry of its own that names the one it reverses.
     */
    get: operations['getPartnerLedger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/partners/{id}/statements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A partner's statements, newest period first
     * @description What each settled period paid: accrued entries, period-end entries (accelerators, growth, the cap), carried in, payable, carried out. A partner user sees its own approved statements only (another partner answers 404); vendor roles also see drafts of runs awaiting approval.
     */
    get: operations['getPartnerStatements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Settlement runs, newest first */
    get: operations['listSettlements'];
    put?: never;
    /**
     * Start the settlement run of a programme and period (the schedule starts it too)
     * @description One run per programme and period: starting it again answers the existing run (200). The period must be over, and the period before it settled first when anything accrued in it (409 otherwise). The run closes the period, computes the statements, then waits for approval.
     */
    post: operations['startSettlement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A settlement run, its status and totals */
    get: operations['getSettlement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements/{id}/statements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run's statements, in partner order (what finance reviews before approving) */
    get: operations['listSettlementStatements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a run waiting for approval: its statements become final, its payouts payable
     * @description Finance only, and not the person who started the run by hand (403). A run still computing, or approved already, is 409. One PayoutIssued follows per partner with something to pay.
     */
    post: operations['approveSettlement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements/{id}/payouts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An approved run's payouts, as JSON or, with `Accept: text/csv`, as CSV
     * @description Every payout of the run, in partner order. The CSV has a header row; a cell that would begin with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe so that a spreadsheet does not run it as a formula. Before approval: 409.
     */
    get: operations['listSettlementPayouts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/settlements/{id}/payouts/{partnerId}/payment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Record that a partner's payout of an approved run was paid, with the payment's reference
     * @description Finance only. The payout becomes `paid`, with the reference and the time it was recorded, and a PayoutPaid is published. Recording the same reference again answers the paid payout and changes nothing; another reference for a paid payout is 409 (a recorded payment does not change). A run not approved yet is 409; a partner without a payout in the run (nothing to pay) is 404. The run's statements never change.
     */
    put: operations['recordPayoutPayment'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /** @enum {string} */
      status: 'ok';
      stage: string;
    };
    /** @description RFC 9457 problem details. */
    Problem: {
      /** @example https://channelbase.dev/problems/validation-failed */
      type: string;
      title: string;
      status: number;
      detail: string;
      errors?: {
        path: string;
        message: string;
      }[];
    };
    /** @description An OpenAPI 3.1 document */
    OpenApiDocument: {
      /** @example 3.1.0 */
      openapi: string;
      info: {
        title: string;
        version: string;
      } & {
        [key: string]: unknown;
      };
      paths: {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    Me: {
      sub: string;
      roles: string[];
      partnerId: string | null;
      userId: string | null;
      isVendor: boolean;
    };
    Partner: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `ptr_${string}`;
      /** @example Northwind Systems GmbH */
      legalName: string;
      /** @example Northwind */
      displayName?: string;
      /** @example acme.example */
      webDomain: string;
      /** @example DE */
      country: string;
      /** @example DE 123 456 789 */
      taxId?: string;
      locations?: components['schemas']['Location'][];
      territories?: string[];
      specialisations?: string[];
      leadCapacity?: number;
      customAttributes?: components['schemas']['CustomAttributes'];
      /** @enum {string} */
      type: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
      /** @example gold */
      tier: string | null;
      channelManagerId: string | null;
      /** @enum {string} */
      status: 'onboarding' | 'active' | 'suspended' | 'terminated';
      statusReason: string | null;
      /**
       * @description While suspended: the status that reactivation returns to (an onboarding partner goes back to onboarding).
       * @default null
       * @enum {string|null}
       */
      suspendedFrom?: 'onboarding' | 'active' | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    Location: {
      /** @example Munich office */
      name?: string;
      /** @example DE */
      country: string;
      /** @example Bavaria */
      region?: string;
      /** @example München */
      city?: string;
      /** @example 80331 */
      postalCode?: string;
      coordinates?: {
        /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
        lat: number;
        /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
        lon: number;
      };
    };
    /**
     * @description Programme-defined attributes, at most 50.
     * @example {
     *       "crmAccountId": "ACC-1042",
     *       "seats": 25
     *     }
     */
    CustomAttributes: {
      [key: string]: string | number | boolean;
    };
    CreatePartner: {
      /** @example Northwind Systems GmbH */
      legalName: string;
      /** @example Northwind */
      displayName?: string;
      /** @example acme.example */
      webDomain: string;
      /** @example DE */
      country: string;
      /** @example DE 123 456 789 */
      taxId?: string;
      locations?: components['schemas']['Location'][];
      territories?: string[];
      specialisations?: string[];
      leadCapacity?: number;
      customAttributes?: components['schemas']['CustomAttributes'];
      /** @enum {string} */
      type: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
      /** @example gold */
      tier?: string | null;
      channelManagerId?: string | null;
      /**
       * @description Initial status; partners migrated from another system start active.
       * @default active
       * @enum {string}
       */
      status?: 'onboarding' | 'active';
    };
    PartnerPage: {
      items: components['schemas']['Partner'][];
      nextCursor: string | null;
    };
    PartnerChangeRequest: {
      /** @example chg_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `chg_${string}`;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected';
      /** @description Each identity field, from its value when requested to the value asked for. */
      changes: {
        /** @enum {string} */
        field: 'legalName' | 'taxId' | 'webDomain' | 'country';
        from?: unknown;
        to?: unknown;
      }[];
      requestedBy: {
        sub: string;
        roles: string[];
      };
      /** Format: date-time */
      requestedAt: string;
      decidedBy: {
        sub: string;
        roles: string[];
      } | null;
      /** Format: date-time */
      decidedAt: string | null;
      /** @description Why it was rejected. */
      reason: string | null;
      version: number;
    };
    UpdatePartner: {
      /** @example Northwind Systems GmbH */
      legalName?: string;
      /** @example Northwind */
      displayName?: string;
      /** @example acme.example */
      webDomain?: string;
      /** @example DE */
      country?: string;
      /** @example DE 123 456 789 */
      taxId?: string;
      locations?: components['schemas']['Location'][];
      territories?: string[];
      specialisations?: string[];
      leadCapacity?: number;
      customAttributes?: components['schemas']['CustomAttributes'];
      /** @enum {string} */
      type?: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
      /** @example gold */
      tier?: string | null;
      channelManagerId?: string | null;
    };
    PartnerChangeRequestPage: {
      items: components['schemas']['PartnerChangeRequest'][];
      nextCursor: string | null;
    };
    ChangeRejection: {
      /** @example The tax id does not match the registry */
      reason: string;
    };
    StatusChange: {
      /** @example Contract under review */
      reason: string;
    };
    PartnerUserPage: {
      items: components['schemas']['PartnerUser'][];
      nextCursor: string | null;
    };
    PartnerUser: {
      /** @example usr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `usr_${string}`;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      email: string;
      givenName: string;
      familyName: string;
      roles: ('partner-admin' | 'partner-sales' | 'partner-marketing' | 'partner-user')[];
      /** @enum {string} */
      status: 'active' | 'disabled';
      /**
       * @description Who disabled the user: a partner admin may re-enable only a user that a partner admin disabled.
       * @default null
       * @enum {string|null}
       */
      disabledBy?: 'vendor' | 'partner' | 'system' | null;
      /**
       * Format: date-time
       * @description Tokens issued before this instant are refused (set when the user is disabled or loses a role).
       * @default null
       */
      sessionsRevokedAt?: string | null;
      invitation?: components['schemas']['Invitation'];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /** @description Pending until the first sign-in; expires (the user is disabled, its address released) after the invitation window. */
    Invitation: {
      /** @enum {string} */
      status: 'pending' | 'accepted' | 'expired';
      /** Format: date-time */
      expiresAt: string;
    };
    AddPartnerUser: {
      /** @example ana.lopez@northwind.example */
      email: string;
      /** @example Ana */
      givenName: string;
      /** @example López */
      familyName: string;
      /**
       * @example [
       *       "partner-sales"
       *     ]
       */
      roles: ('partner-admin' | 'partner-sales' | 'partner-marketing' | 'partner-user')[];
    };
    UpdatePartnerUser: {
      /** @example Ana */
      givenName?: string;
      /** @example López */
      familyName?: string;
      /**
       * @example [
       *       "partner-sales"
       *     ]
       */
      roles?: ('partner-admin' | 'partner-sales' | 'partner-marketing' | 'partner-user')[];
      /** @enum {string} */
      status?: 'active' | 'disabled';
    };
    HistoryPage: {
      items: components['schemas']['HistoryEntry'][];
      nextCursor: string | null;
    };
    HistoryEntry: {
      eventId: string;
      /** Format: date-time */
      occurredAt: string;
      /** @example PartnerUpdated */
      action: string;
      actor: {
        sub: string;
        roles: string[];
      };
      /** @description The id of the changed record: the partner or one of its users. */
      subject: string;
      changes: {
        field: string;
        from?: unknown;
        to?: unknown;
      }[];
    };
    Tiers: {
      /** @description Tier keys in rank order, highest first; at most 50. */
      items: {
        key: string;
        name: string;
      }[];
      /** @description 0: no list defined yet (any well-formed key is accepted) */
      version: number;
      /** Format: date-time */
      updatedAt: string | null;
    };
    PutTiers: {
      /** @description Tier keys in rank order, highest first; at most 50. */
      items: {
        /** @example gold */
        key: string;
        /** @example Gold */
        name: string;
      }[];
    };
    ProductLines: {
      /** @description Product-line keys (the values of partner specialisations); at most 500. */
      items: {
        key: string;
        name: string;
      }[];
      /** @description 0: no list defined yet (any well-formed key is accepted) */
      version: number;
      /** Format: date-time */
      updatedAt: string | null;
    };
    PutProductLines: {
      /** @description Product-line keys (the values of partner specialisations); at most 500. */
      items: {
        /** @example networking */
        key: string;
        /** @example Networking */
        name: string;
      }[];
    };
    ApplicationReceipt: {
      /** @example app_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `app_${string}`;
      /** @enum {string} */
      status: 'received';
    };
    SubmitApplication: {
      company: {
        /** @example Northwind Systems GmbH */
        legalName: string;
        /** @example Northwind */
        tradingName?: string;
        /** @example acme.example */
        webDomain: string;
        /** @example DE */
        country: string;
        address: components['schemas']['Address'];
        /** @example DE 123 456 789 */
        taxId?: string;
      };
      /** @enum {string} */
      partnerType: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
      /** @description Product lines the applicant wants to sell. */
      products: string[];
      territories: string[];
      contact: {
        /** @example Ana */
        givenName: string;
        /** @example López */
        familyName: string;
        /** @example ana.lopez@northwind.example */
        email: string;
        /** @example +49 40 1234567 */
        phone?: string;
        /** @example Head of Alliances */
        jobTitle?: string;
      };
    };
    Address: {
      /** @example Hafenstraße 12 */
      line1: string;
      /** @example Building C, 3rd floor */
      line2?: string;
      /** @example Hamburg */
      city: string;
      /** @example Hamburg */
      region?: string;
      /** @example 20457 */
      postalCode?: string;
    };
    ApplicationPage: {
      items: components['schemas']['Application'][];
      nextCursor: string | null;
    };
    Application: {
      /** @example app_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `app_${string}`;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected' | 'expired';
      company: {
        /** @example Northwind Systems GmbH */
        legalName: string;
        /** @example Northwind */
        tradingName?: string;
        /** @example acme.example */
        webDomain: string;
        /** @example DE */
        country: string;
        address: components['schemas']['Address'];
        /** @example DE 123 456 789 */
        taxId?: string;
      };
      /** @enum {string} */
      partnerType: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
      /** @description Product lines the applicant wants to sell. */
      products: string[];
      territories: string[];
      contact: {
        /** @example Ana */
        givenName: string;
        /** @example López */
        familyName: string;
        /** @example ana.lopez@northwind.example */
        email: string;
        /** @example +49 40 1234567 */
        phone?: string;
        /** @example Head of Alliances */
        jobTitle?: string;
      };
      checks: components['schemas']['ApplicationChecks'];
      /** @description True when any automated check failed. */
      flagged: boolean;
      reviewSlaDays: number;
      /** Format: date-time */
      reviewDueAt: string;
      remindersSent: number;
      decision: components['schemas']['ApplicationDecision'];
      /** Format: date-time */
      submittedAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /** @description Automated checks run at submission; a failed check flags the application for the reviewer, it never rejects or merges on its own. */
    ApplicationChecks: {
      duplicate: {
        passed: boolean;
        matches: components['schemas']['DuplicateMatch'][];
      };
      requiredFields: {
        passed: boolean;
        missing: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
      };
      country: {
        passed: boolean;
        allowed: string[] | null;
      };
    };
    DuplicateMatch: {
      /** @enum {string} */
      on: 'webDomain' | 'taxId' | 'legalName';
      /** @description The normalised value that matched, e.g. the registrable domain. */
      value: string;
      /** @enum {string} */
      kind: 'partner' | 'application';
      id: string;
    };
    ApplicationDecision: {
      /** @enum {string} */
      outcome: 'approved' | 'rejected';
      by: {
        sub: string;
        roles: string[];
      };
      /** Format: date-time */
      at: string;
      reason: string | null;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}` | null;
      /** @example usr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      adminUserId: `usr_${string}` | null;
    } | null;
    ApproveApplication: {
      /** @example gold */
      tier?: string;
      channelManagerId?: string;
      /** @example Approved after the reference call */
      note?: string;
    };
    RejectApplication: {
      /** @example We do not recruit partners in this territory yet */
      reason: string;
    };
    AgreementOfferPage: {
      items: components['schemas']['AgreementOffer'][];
      nextCursor: string | null;
    };
    AgreementOffer: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      /** @example agr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      agreementId: `agr_${string}`;
      title: string;
      agreementVersion: number;
      text: string | null;
      documentUrl: string | null;
      documentSha256: string | null;
      /** @enum {string} */
      status: 'offered' | 'accepted' | 'expired';
      /** Format: date-time */
      offeredAt: string;
      /** Format: date-time */
      remindAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      remindedAt: string | null;
      /** Format: date-time */
      acceptedAt: string | null;
      acceptedBy: {
        sub: string;
        userId: string | null;
      } | null;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    OnboardingChecklist: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      items: {
        id: string;
        title: string;
        /** @enum {string} */
        kind: 'profile' | 'users' | 'certification' | 'manual';
        definition: components['schemas']['ChecklistItemDefinition'];
        done: boolean;
        /** Format: date-time */
        completedAt: string | null;
        /** @description The event (or `sub` for manual items) that completed it. */
        completedBy: string | null;
      }[];
      /** @description Certification keys issued to the partner's people so far. */
      certifications: string[];
      /** Format: date-time */
      completedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    ChecklistItemDefinition:
      | {
          /** @example networking */
          id: string;
          /** @example Complete your company profile */
          title: string;
          /** @enum {string} */
          kind: 'profile';
          fields: (
            | 'legalName'
            | 'displayName'
            | 'webDomain'
            | 'country'
            | 'taxId'
            | 'locations'
            | 'territories'
            | 'specialisations'
            | 'leadCapacity'
            | 'customAttributes'
          )[];
        }
      | {
          /** @example networking */
          id: string;
          /** @example Invite your sales team */
          title: string;
          /** @enum {string} */
          kind: 'users';
          minUsers: number;
        }
      | {
          /** @example networking */
          id: string;
          /** @example Pass the sales fundamentals certification */
          title: string;
          /** @enum {string} */
          kind: 'certification';
          certifications: string[];
        }
      | {
          /** @example networking */
          id: string;
          /** @example Sign the data processing addendum */
          title: string;
          /** @enum {string} */
          kind: 'manual';
        };
    OnboardingSettings: {
      /** @description A pending application raises a reminder after this many days, and again each period after. */
      reviewSlaDays: number;
      /** @description Countries the programme accepts applicants from; null accepts every country. */
      allowedCountries: string[] | null;
      requiredFields: {
        reseller?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        distributor?: (
          'company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle'
        )[];
        dealer?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        msp?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        referral?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        supplier?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
      };
      agreementAcceptanceDays: number;
      agreementReminderDays: number;
      checklist: components['schemas']['ChecklistItemDefinition'][];
      /** Format: date-time */
      updatedAt: string | null;
      /** @description 0 while the built-in defaults apply. */
      version: number;
    };
    OnboardingSettingsInput: {
      /** @description A pending application raises a reminder after this many days, and again each period after. */
      reviewSlaDays: number;
      /** @description Countries the programme accepts applicants from; null accepts every country. */
      allowedCountries: string[] | null;
      requiredFields: {
        reseller?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        distributor?: (
          'company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle'
        )[];
        dealer?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        msp?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        referral?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
        supplier?: ('company.taxId' | 'company.tradingName' | 'company.address.region' | 'company.address.postalCode' | 'contact.phone' | 'contact.jobTitle')[];
      };
      agreementAcceptanceDays: number;
      agreementReminderDays: number;
      checklist: components['schemas']['ChecklistItemDefinition'][];
    };
    AgreementPage: {
      items: components['schemas']['Agreement'][];
      nextCursor: string | null;
    };
    Agreement: {
      /** @example agr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `agr_${string}`;
      title: string;
      /** @description Increases with each published agreement; the highest is current. */
      agreementVersion: number;
      text: string | null;
      documentUrl: string | null;
      documentSha256: string | null;
      /** Format: date-time */
      publishedAt: string;
      publishedBy: {
        sub: string;
        roles: string[];
      };
    };
    PublishAgreement:
      | {
          /** @example Partner agreement 2027 */
          title: string;
          /**
           * @description The agreement text (plain text or Markdown).
           * @example # Partner agreement
           *
           *     The partner resells the vendor’s products in its territories.
           */
          text?: string;
          /**
           * Format: uri
           * @description Or a reference to the signed-off document.
           */
          documentUrl?: string;
          /** @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 */
          documentSha256?: string;
        }
      | unknown
      | unknown;
    Lead: {
      /** @example lead_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: string;
      /** @enum {string} */
      status: 'new' | 'offered' | 'unassigned' | 'accepted' | 'contacted' | 'qualified' | 'converted' | 'lost';
      company: {
        name: string;
        webDomain: string | null;
      };
      country: string;
      region: string | null;
      postalCode: string | null;
      coordinates: components['schemas']['Coordinates'];
      productLines: string[];
      estimatedValue: components['schemas']['Money'];
      /**
       * @description The estimated value as a band (what a partner sees before acceptance).
       * @example 10k-50k EUR
       */
      valueBand: string;
      /** @description Null for a partner until it accepts the lead. */
      contact: {
        /** @example Jonas Weber */
        name: string;
        /** @example ana.lopez@northwind.example */
        email: string;
        /** @example +49 89 1234567 */
        phone?: string;
      } | null;
      source: string | null;
      externalId: string | null;
      notes: string | null;
      /**
       * @description The partner it is offered to, or that owns it.
       * @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      partnerId: `ptr_${string}` | null;
      /** @example usr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      assignedUserId: `usr_${string}` | null;
      offer: components['schemas']['LeadOffer'];
      offerCount: number;
      /** @description Partners that declined the lead, let their offer expire or had it withdrawn (suspended, terminated): never offered it again. */
      declined: {
        /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
        partnerId: `ptr_${string}`;
        /** @enum {string} */
        outcome: 'rejected' | 'expired' | 'withdrawn';
        /** Format: date-time */
        at: string;
      }[];
      pool: {
        reason: string;
        /** Format: date-time */
        at: string;
      } | null;
      /** Format: date-time */
      acceptedAt: string | null;
      lostReason: string | null;
      /** @description The deal registration a converted lead became (registered through the deal registration context at conversion). */
      dealRegistrationId: string | null;
      routingSettingsVersion: number | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /**
     * @example {
     *       "lat": 48.137,
     *       "lon": 11.575
     *     }
     */
    Coordinates: {
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      lat: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      lon: number;
    } | null;
    Money: {
      amountMinor: number;
      /** @example EUR */
      currency: string;
    } | null;
    LeadOffer: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      /** Format: date-time */
      offeredAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** @description Which offer of this lead it is (1 = the first). */
      number: number;
    } | null;
    CreateLead: {
      company: {
        /** @example Brauerei Huber AG */
        name: string;
        /** @example acme.example */
        webDomain?: string;
      };
      /** @example DE */
      country: string;
      /** @example DE-BY */
      region?: string;
      /** @example 80331 */
      postalCode?: string;
      coordinates?: components['schemas']['Coordinates'];
      productLines: string[];
      estimatedValue?: components['schemas']['Money'];
      contact: components['schemas']['LeadContact'];
      /** @example webinar-2026-11 */
      source: string;
      /** @example crm-00042917 */
      externalId?: string;
      /** @example Asked for a demo in January. */
      notes?: string;
      /**
       * @description Route the lead at once (default); `false` keeps it `new` until POST /leads/{id}/route.
       * @default true
       */
      route?: boolean;
    };
    LeadContact: {
      /** @example Jonas Weber */
      name: string;
      /** @example ana.lopez@northwind.example */
      email: string;
      /** @example +49 89 1234567 */
      phone?: string;
    };
    LeadBatchResult: {
      results: {
        index: number;
        /** @enum {string} */
        outcome: 'created' | 'duplicate' | 'invalid';
        /** @example lead_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
        leadId: string | null;
        /** @description The lead’s status after intake (offered, unassigned, new). */
        status: string | null;
        errors: {
          path: string;
          message: string;
        }[];
      }[];
      created: number;
      duplicates: number;
      invalid: number;
    };
    LeadBatch: {
      /** @description Each item is a CreateLead; each is validated on its own. */
      leads: unknown[];
    };
    LeadPage: {
      items: components['schemas']['Lead'][];
      nextCursor: string | null;
    };
    AcceptLead: {
      /**
       * @description A partner-sales user of the partner to own the lead (the partner admin's choice).
       * @example usr_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      assignedUserId?: `usr_${string}`;
    };
    RejectLead: {
      /** @enum {string} */
      reason: 'outside-territory' | 'no-capacity' | 'not-a-fit' | 'existing-customer' | 'insufficient-information' | 'other';
      /** @example We do not serve breweries. */
      text: string;
    };
    LeadStatusChange: {
      /** @enum {string} */
      status: 'contacted' | 'qualified' | 'converted' | 'lost';
      /** @example Asked for a demo in January. */
      note?: string;
      /**
       * @description Required for `lost`.
       * @example Chose a competitor
       */
      reason?: string;
      /** @description Required for `converted`, and only then: the deal registration the lead becomes (through the deal registration context), linked both ways. */
      deal?: {
        /**
         * Format: date
         * @description Must be in the future.
         * @example 2027-03-31
         */
        expectedCloseDate: string;
        /** @example Branch network refresh, 40 sites */
        description: string;
        /** @description The deal's estimated value. Default: the lead's `estimatedValue` (required when the lead has none). */
        value?: {
          amountMinor: number;
          /** @example EUR */
          currency: string;
        };
        /** @description The product lines and products. Default: the lead's product lines, without products. */
        lines?: components['schemas']['DealLine'][];
        /** @description Each field defaults to the lead's: company name, web domain (required when the lead has none), country. */
        customer?: {
          /** @example Acme Health Ltd */
          legalName?: string;
          /** @example acme.example */
          webDomain?: string;
          /** @example DE */
          country?: string;
          address?: {
            /** @example 1 Market Street */
            line1: string;
            /** @example Leeds */
            city: string;
            /** @example LS1 1AA */
            postalCode?: string;
          };
        };
        /** @description Default: the lead's contact. */
        contact?: {
          /** @example Jo Bloggs */
          name: string;
          /** @example ana.lopez@northwind.example */
          email: string;
          /** @example +44 113 496 0000 */
          phone?: string;
        };
        /** @description The other partner of a two-tier deal and its role. */
        secondPartner?: {
          /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
          partnerId: `ptr_${string}`;
          /** @enum {string} */
          role: 'distributor' | 'reseller' | 'referral';
        };
      };
    };
    DealLine: {
      /** @example networking */
      productLine: string;
      /** @default [] */
      products?: string[];
    };
    LeadNote: {
      /** @example lead_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      leadId: string;
      /** Format: date-time */
      at: string;
      author: {
        sub: string;
        roles: string[];
        partnerId: string | null;
      };
      /** @enum {string} */
      side: 'vendor' | 'partner';
      text: string;
    };
    AddLeadNote: {
      /** @example Asked for a demo in January. */
      text: string;
    };
    LeadNotePage: {
      items: components['schemas']['LeadNote'][];
      nextCursor: string | null;
    };
    RoutingDecisionPage: {
      items: components['schemas']['RoutingDecision'][];
      nextCursor: string | null;
    };
    RoutingDecision: {
      /** @example lead_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      leadId: string;
      /** Format: date-time */
      decidedAt: string;
      /** @enum {string} */
      trigger: 'created' | 'rejected' | 'expired' | 'manual' | 'withdrawn';
      settingsVersion: number;
      tierListVersion: number;
      /** @enum {string} */
      outcome: 'offered' | 'unassigned';
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}` | null;
      /** @description Why the lead went to the pool. */
      reason: string | null;
      /** @description The top 10 eligible candidates, best first, each with its score breakdown. */
      candidates: {
        /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
        partnerId: `ptr_${string}`;
        score: number;
        /** @example gold */
        tier: string | null;
        /** Format: date-time */
        fairnessAt: string | null;
        breakdown: {
          /** @enum {string} */
          input: 'tier' | 'certification' | 'distance' | 'load' | 'acceptanceRate' | 'timeToAccept' | 'winRate';
          weight: number;
          /** @description The input from 0 to 1. */
          value: number;
          /** @description weight × value */
          points: number;
          note: string | null;
        }[];
      }[];
      /** @description The excluded partners read, each with its reason (at most 50 listed; `selection.excludedByReason` counts all). */
      excluded: {
        /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
        partnerId: `ptr_${string}`;
        /** @enum {string} */
        reason: 'not-active' | 'at-capacity' | 'declined' | 'expired' | 'withdrawn' | 'not-indexed';
      }[];
      /** @description How the candidates were selected (absent on decisions stored before the bounded selection). */
      selection?: {
        /** @description Entries read per candidate-index key (least recently offered first). */
        windowPerKey: number;
        /** @description Distinct partners read under the lead’s keys. */
        read: number;
        /** @description Every readable partner under the lead’s keys was read. */
        complete: boolean;
        /** @description The highest score a partner not read could reach. */
        bound: number;
        /** @description The choice is provably the best of every partner under the lead’s keys: `complete`, or the best score is above `bound`. */
        exact: boolean;
        /** @description Eligible partners scored; `candidates` holds the top 10 with their breakdowns. */
        considered: number;
        excludedByReason: {
          'not-active': number;
          'at-capacity': number;
          declined: number;
          expired: number;
          withdrawn: number;
          'not-indexed': number;
        };
      };
    };
    RoutingSettings: {
      weights: components['schemas']['RoutingWeights'];
      /** @description How long a partner has to accept or reject an offer. */
      offerSlaHours: number;
      /** @description Offers per lead before it returns to the vendor pool. */
      maxOffers: number;
      /** @description Days without an update after which an accepted lead is reported stale (LeadStale). */
      staleDays: number;
      /** Format: date-time */
      updatedAt: string | null;
      version: number;
    };
    RoutingWeights: {
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      tier: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      certification: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      distance: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      load: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      acceptanceRate: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      timeToAccept: number;
      /** @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field). */
      winRate: number;
    };
    RoutingSettingsInput: {
      weights: components['schemas']['RoutingWeights'];
      /** @description How long a partner has to accept or reject an offer. */
      offerSlaHours: number;
      /** @description Offers per lead before it returns to the vendor pool. */
      maxOffers: number;
      /** @description Days without an update after which an accepted lead is reported stale (LeadStale). */
      staleDays: number;
    };
    DealConflictAnswer: components['schemas']['DealConflictVerdict'] | components['schemas']['DealConflicts'];
    DealConflictVerdict: {
      /** @enum {string} */
      verdict: 'no-conflict' | 'possible-conflict';
    };
    DealConflicts: {
      /** @enum {string} */
      verdict: 'no-conflict' | 'possible-conflict';
      matches: components['schemas']['DealConflictMatch'][];
    };
    DealConflictMatch: {
      /** @example deal_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      registrationId: string;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      /** @enum {string} */
      status: 'submitted' | 'under_review' | 'approved';
      /** @description registrable domain, normalised legal name, or both */
      on: ('webDomain' | 'legalName')[];
      values: {
        webDomain: string | null;
        legalName: string | null;
      };
      productLines: string[];
      /** Format: date-time */
      submittedAt: string;
    };
    DealConflictCheck: {
      /**
       * @description Vendor roles: the partner the registration would be for (its own registrations are no conflict).
       * @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      partnerId?: `ptr_${string}`;
      customer: {
        /** @example Acme Health Ltd */
        legalName: string;
        /** @example acme.example */
        webDomain: string;
        /** @example DE */
        country?: string;
      };
      productLines: string[];
    };
    Deal: {
      /** @example deal_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: string;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      secondPartner: components['schemas']['DealSecondPartner'];
      customer: components['schemas']['DealCustomer'];
      contact: {
        /** @example Jo Bloggs */
        name: string;
        /** @example ana.lopez@northwind.example */
        email: string;
        /** @example +44 113 496 0000 */
        phone?: string;
      };
      lines: {
        productLine: string;
        products: string[];
      }[];
      value: components['schemas']['PositiveMoney'];
      /**
       * Format: date
       * @example 2027-03-31
       */
      expectedCloseDate: string;
      description: string;
      /**
       * @description The converted lead this registration came from.
       * @example lead_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      leadId: string | null;
      /** @enum {string} */
      status: 'submitted' | 'under_review' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
      /**
       * @description What the conflict check found at submission; who matched is for vendor roles (GET /deals/{id}/conflicts).
       * @enum {string}
       */
      verdict: 'no-conflict' | 'possible-conflict';
      rulesVersion: number;
      /** Format: date-time */
      reviewDueAt: string | null;
      reviewReminded: boolean;
      reviewEscalated: boolean;
      decision: components['schemas']['DealDecision'];
      benefit: components['schemas']['DealBenefit'];
      protection: components['schemas']['DealProtection'];
      closing: components['schemas']['DealClosing'];
      registeredBy: {
        sub: string;
        roles: string[];
      };
      /** Format: date-time */
      submittedAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    /** @description The other partner of a two-tier deal and its role. */
    DealSecondPartner: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      /** @enum {string} */
      role: 'distributor' | 'reseller' | 'referral';
    } | null;
    DealCustomer: {
      /** @example Acme Health Ltd */
      legalName: string;
      /** @example acme.example */
      webDomain: string;
      /** @example DE */
      country: string;
      address?: {
        /** @example 1 Market Street */
        line1: string;
        /** @example Leeds */
        city: string;
        /** @example LS1 1AA */
        postalCode?: string;
      };
    };
    PositiveMoney: {
      amountMinor: number;
      /** @example EUR */
      currency: string;
    };
    DealDecision: {
      /** @enum {string} */
      outcome: 'approved' | 'rejected';
      by: {
        sub: string;
        roles: string[];
      };
      /** Format: date-time */
      at: string;
      reason: string | null;
      /**
       * @description How an approval was decided: auto-approval, a channel manager, or the first-registrant policy (reduced benefit, no protection).
       * @enum {string|null}
       */
      policy: 'auto' | 'standard' | 'first-registrant-reduced' | null;
      /** @description The deal rules version the decision used. */
      rulesVersion: number;
    } | null;
    DealBenefit: {
      /**
       * @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).
       * @example 5
       */
      extraDiscountPercent: number;
      incentiveEligible: boolean;
    } | null;
    DealProtection: {
      /** @description Protection is held. False with `releasedAt` null: approved without protection (the first-registrant policy); the approval still ends at `expiresAt`. */
      running: boolean;
      /** Format: date-time */
      startsAt: string;
      /** Format: date-time */
      expiresAt: string;
      extended: boolean;
      /** Format: date-time */
      releasedAt: string | null;
    } | null;
    DealClosing: {
      /** @enum {string} */
      outcome: 'won' | 'lost';
      /** @description The final amount of a win (kept when a win is reversed). */
      amount: {
        amountMinor: number;
        currency: string;
      } | null;
      lines: components['schemas']['DealLineAmount'][] | null;
      /**
       * Format: date
       * @example 2027-03-31
       */
      closeDate: string | null;
      reason: string | null;
      /** @description A won deal a vendor corrected to lost. */
      reversed: boolean;
      by: {
        sub: string;
        roles: string[];
      };
      /** Format: date-time */
      at: string;
    } | null;
    DealLineAmount: {
      /** @example networking */
      productLine: string;
      amount: components['schemas']['PositiveMoney'];
    };
    RegisterDeal: {
      /**
       * @description Vendor roles register on behalf of this partner; a partner user registers for its own organisation and omits it.
       * @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      partnerId?: `ptr_${string}`;
      customer: components['schemas']['DealCustomer'];
      contact: {
        /** @example Jo Bloggs */
        name: string;
        /** @example ana.lopez@northwind.example */
        email: string;
        /** @example +44 113 496 0000 */
        phone?: string;
      };
      lines: components['schemas']['DealLine'][];
      /** @description The estimated value. */
      value: {
        amountMinor: number;
        /** @example EUR */
        currency: string;
      };
      /**
       * Format: date
       * @description Must be in the future.
       * @example 2027-03-31
       */
      expectedCloseDate: string;
      /** @example Branch network refresh, 40 sites */
      description: string;
      secondPartner?: components['schemas']['DealSecondPartner'];
    };
    DealPage: {
      items: components['schemas']['Deal'][];
      nextCursor: string | null;
    };
    ApproveDeal: {
      /** @example Confirmed with the customer */
      note?: string;
    };
    RejectDeal: {
      /** @example Customer already registered by another partner */
      reason: string;
    };
    WinDeal: {
      /** @description The final amount, in the registration's currency. */
      amount: {
        amountMinor: number;
        /** @example EUR */
        currency: string;
      };
      /**
       * Format: date
       * @example 2027-03-31
       */
      closeDate: string;
      /** @description The amount per product line (they sum to `amount`); needed when the registration has more than one line. */
      lines?: components['schemas']['DealLineAmount'][];
    };
    LoseDeal: {
      /** @example Customer chose a competitor */
      reason: string;
    };
    ReverseWonDeal: {
      /** @example Order cancelled by the customer */
      reason: string;
    };
    DealRules: {
      autoApprove: {
        enabled: boolean;
        /** @description A registration auto-approves only when its value is under the threshold of its currency. */
        thresholds: components['schemas']['PositiveMoney'][];
        /** @description Partner tiers that may be auto-approved. */
        tiers: string[];
      };
      /** @description A channel manager decides within this many days; past it the review is escalated. */
      reviewSlaDays: number;
      /** @description A reminder goes out this many hours after submission (before the SLA is due). */
      reminderAfterHours: number;
      protectionDays: number;
      /** @description One extension the partner may request before expiry; 0: none. */
      extensionDays: number;
      benefit: {
        /**
         * @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).
         * @example 5
         */
        extraDiscountPercent: number;
        incentiveEligible: boolean;
      };
      /** @description For conflicts a channel manager approves anyway: the first registrant keeps protection and the full benefit, a later one gets the reduced benefit and no protection. */
      firstRegistrantWins: {
        enabled: boolean;
        reducedBenefit: {
          /**
           * @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).
           * @example 5
           */
          extraDiscountPercent: number;
          incentiveEligible: boolean;
        };
      };
      /** Format: date-time */
      updatedAt: string | null;
      /** @description 0 while the built-in defaults apply. */
      version: number;
    };
    DealRulesInput: {
      autoApprove: {
        enabled: boolean;
        /** @description A registration auto-approves only when its value is under the threshold of its currency. */
        thresholds: components['schemas']['PositiveMoney'][];
        /** @description Partner tiers that may be auto-approved. */
        tiers: string[];
      };
      /** @description A channel manager decides within this many days; past it the review is escalated. */
      reviewSlaDays: number;
      /** @description A reminder goes out this many hours after submission (before the SLA is due). */
      reminderAfterHours: number;
      protectionDays: number;
      /** @description One extension the partner may request before expiry; 0: none. */
      extensionDays: number;
      benefit: {
        /**
         * @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).
         * @example 5
         */
        extraDiscountPercent: number;
        incentiveEligible: boolean;
      };
      /** @description For conflicts a channel manager approves anyway: the first registrant keeps protection and the full benefit, a later one gets the reduced benefit and no protection. */
      firstRegistrantWins: {
        enabled: boolean;
        reducedBenefit: {
          /**
           * @description A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).
           * @example 5
           */
          extraDiscountPercent: number;
          incentiveEligible: boolean;
        };
      };
    };
    CoursePage: {
      items: components['schemas']['Course'][];
      nextCursor: string | null;
    };
    Course: {
      /** @example crs_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `crs_${string}`;
      /** @example Networking fundamentals for sales */
      title: string;
      description: string | null;
      /** @description The roles the course is meant for (the curriculum of each role). */
      audience: ('sales' | 'technical' | 'marketing')[];
      productLines: string[];
      links: {
        /** @example Module 1: positioning */
        title: string;
        /**
         * Format: uri
         * @example https://learn.vendor.example/networking/1
         */
        url: string;
      }[];
      durationMinutes: number;
      /**
       * @description The exam that certifies what the course teaches, if any.
       * @default null
       * @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      examId?: `exm_${string}` | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
    };
    CourseInput: {
      /** @example Networking fundamentals for sales */
      title: string;
      /** @example What to say when a customer asks about VLANs. */
      description?: string;
      /** @description The roles the course is meant for (the curriculum of each role). */
      audience: ('sales' | 'technical' | 'marketing')[];
      productLines: string[];
      links: {
        /** @example Module 1: positioning */
        title: string;
        /**
         * Format: uri
         * @example https://learn.vendor.example/networking/1
         */
        url: string;
      }[];
      durationMinutes: number;
      /**
       * @description The exam that certifies what the course teaches, if any.
       * @default null
       * @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A
       */
      examId?: `exm_${string}` | null;
    };
    ExamPage: {
      items: components['schemas']['ExamView'][];
      nextCursor: string | null;
    };
    /** @description vendor-admin: the exam with its answer keys; other vendor roles: the question bank without keys; partner users: the settings without questions. */
    ExamView: components['schemas']['Exam'] | components['schemas']['ExamWithoutKeys'] | components['schemas']['ExamSummary'];
    /** @description With the answer keys: only vendor-admin reads it. */
    Exam: {
      /** @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `exm_${string}`;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      /** @example Networking Associate */
      title: string;
      /** @example networking */
      productLine: string;
      questions: components['schemas']['Question'][];
      /** @description Questions drawn for each attempt. */
      questionsPerAttempt: number;
      passMarkPercent: number;
      timeLimitMinutes: number;
      /** @description At most `max` attempts in any `periodDays` days. */
      attempts: {
        max: number;
        periodDays: number;
      };
      certification: {
        /** @example networking-associate */
        key: string;
        /** @example Certified Networking Associate */
        name: string;
        /** @default 24 */
        validityMonths?: number;
      };
      /**
       * @description What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.
       * @default score-and-topics
       * @enum {string}
       */
      reviewPolicy?: 'score-and-topics' | 'wrong-questions';
    };
    Question: {
      /** @example q-vlan-basics */
      id: string;
      /** @example switching */
      topic: string;
      /** @example How many VLAN ids does 802.1Q allow? */
      text: string;
      /** @enum {string} */
      kind: 'single' | 'multiple';
      options: {
        /** @example networking */
        id: string;
        /** @example Four */
        text: string;
      }[];
      /** @description The answer key: ids of the correct options. Only vendor-admin reads it. */
      correct: string[];
    };
    /** @description The question bank without its answer keys. */
    ExamWithoutKeys: {
      /** @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `exm_${string}`;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      /** @example Networking Associate */
      title: string;
      /** @example networking */
      productLine: string;
      /** @description Questions drawn for each attempt. */
      questionsPerAttempt: number;
      passMarkPercent: number;
      timeLimitMinutes: number;
      /** @description At most `max` attempts in any `periodDays` days. */
      attempts: {
        max: number;
        periodDays: number;
      };
      certification: {
        /** @example networking-associate */
        key: string;
        /** @example Certified Networking Associate */
        name: string;
        /** @default 24 */
        validityMonths?: number;
      };
      /**
       * @description What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.
       * @default score-and-topics
       * @enum {string}
       */
      reviewPolicy?: 'score-and-topics' | 'wrong-questions';
      questions: {
        /** @example networking */
        id: string;
        /** @example networking */
        topic: string;
        text: string;
        /** @enum {string} */
        kind: 'single' | 'multiple';
        options: {
          /** @example networking */
          id: string;
          /** @example Four */
          text: string;
        }[];
      }[];
    };
    /** @description An exam without its question bank. */
    ExamSummary: {
      /** @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `exm_${string}`;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      version: number;
      /** @example Networking Associate */
      title: string;
      /** @example networking */
      productLine: string;
      /** @description Questions drawn for each attempt. */
      questionsPerAttempt: number;
      passMarkPercent: number;
      timeLimitMinutes: number;
      /** @description At most `max` attempts in any `periodDays` days. */
      attempts: {
        max: number;
        periodDays: number;
      };
      certification: {
        /** @example networking-associate */
        key: string;
        /** @example Certified Networking Associate */
        name: string;
        /** @default 24 */
        validityMonths?: number;
      };
      /**
       * @description What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.
       * @default score-and-topics
       * @enum {string}
       */
      reviewPolicy?: 'score-and-topics' | 'wrong-questions';
      questionCount: number;
    };
    ExamInput: {
      /** @example Networking Associate */
      title: string;
      /** @example networking */
      productLine: string;
      questions: components['schemas']['Question'][];
      /** @description Questions drawn for each attempt. */
      questionsPerAttempt: number;
      passMarkPercent: number;
      timeLimitMinutes: number;
      /** @description At most `max` attempts in any `periodDays` days. */
      attempts: {
        max: number;
        periodDays: number;
      };
      certification: {
        /** @example networking-associate */
        key: string;
        /** @example Certified Networking Associate */
        name: string;
        /** @default 24 */
        validityMonths?: number;
      };
      /**
       * @description What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.
       * @default score-and-topics
       * @enum {string}
       */
      reviewPolicy?: 'score-and-topics' | 'wrong-questions';
    };
    Attempt: {
      /** @example att_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `att_${string}`;
      /** @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      examId: `exm_${string}`;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      userId: string;
      /** @enum {string} */
      status: 'started' | 'passed' | 'failed';
      /** Format: date-time */
      startedAt: string;
      /**
       * Format: date-time
       * @description The time limit; a submission after it (and a short grace) is refused and counts as failed.
       */
      submitBy: string;
      /** Format: date-time */
      submittedAt: string | null;
      questions: components['schemas']['AttemptQuestion'][];
      result: components['schemas']['AttemptResult'];
      attemptsRemaining: number;
    };
    /** @description A drawn question; its options in this attempt’s order, labelled a, b, c… */
    AttemptQuestion: {
      /** @example networking */
      id: string;
      /** @example networking */
      topic: string;
      text: string;
      /** @enum {string} */
      kind: 'single' | 'multiple';
      options: {
        /** @example a */
        id: string;
        text: string;
      }[];
    };
    AttemptResult: {
      passed: boolean;
      scorePercent: number;
      passMarkPercent: number;
      /** @description Submitted after the time limit (and its grace): refused, counted as failed. */
      late: boolean;
      topics: components['schemas']['TopicResult'][];
      /** @description Ids of the questions answered wrong: only under the `wrong-questions` policy, after the last allowed attempt or once certified. */
      wrongQuestions: string[] | null;
      /** @example crt_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      certificationId: `crt_${string}` | null;
      /** @description Attempts left in the rolling period. */
      attemptsRemaining: number;
    } | null;
    TopicResult: {
      /** @example networking */
      topic: string;
      correct: number;
      total: number;
      passed: boolean;
    };
    SubmitAnswers: {
      answers: {
        /** @example networking */
        questionId: string;
        /** @description The labels of the options chosen. */
        options: string[];
      }[];
    };
    CertificationPage: {
      items: components['schemas']['Certification'][];
      nextCursor: string | null;
    };
    Certification: {
      /** @example crt_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `crt_${string}`;
      /**
       * @description The certification key the exam grants (what the onboarding checklist and accreditation rules name).
       * @example networking
       */
      key: string;
      name: string;
      /** @example exm_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      examId: `exm_${string}`;
      /** @example networking */
      productLine: string;
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      userId: string;
      /** @enum {string} */
      status: 'active' | 'expired';
      /** Format: date-time */
      issuedAt: string;
      /** Format: date-time */
      renewedAt: string | null;
      /** Format: date-time */
      expiresAt: string;
      /** @description Days before expiry a CertificationExpiring was raised for (60, 30). */
      remindersSent: number[];
      version: number;
    };
    PartnerAccreditations: {
      /** @example ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      partnerId: `ptr_${string}`;
      rulesVersion: number;
      items: components['schemas']['Accreditation'][];
      /** Format: date-time */
      evaluatedAt: string | null;
    };
    Accreditation: {
      /** @example networking */
      key: string;
      name: string;
      /** @example networking */
      productLine: string | null;
      granted: boolean;
      /**
       * Format: date-time
       * @description Granted since (null while not granted).
       */
      since: string | null;
      requirements: components['schemas']['AccreditationRequirementState'][];
      /** @description What is missing, e.g. "1 more partner-sales user with networking-associate". */
      missing: string[];
      atRisk: components['schemas']['AccreditationAtRisk'];
    };
    AccreditationRequirementState: {
      /**
       * @description The certification key, as the exam grants it.
       * @example networking
       */
      certification: string;
      min: number;
      /** @enum {string|null} */
      role: 'partner-admin' | 'partner-sales' | 'partner-marketing' | 'partner-user' | null;
      have: number;
      missing: number;
    };
    AccreditationAtRisk: {
      /**
       * Format: date-time
       * @description When the accreditation is lost unless certifications are renewed.
       */
      at: string;
      /** @example crt_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      certificationId: `crt_${string}`;
      /** @example networking */
      certification: string;
      userId: string;
    } | null;
    AccreditationRules: {
      items: components['schemas']['AccreditationRule'][];
      /** Format: date-time */
      updatedAt: string | null;
      /** @description 0: no rules yet. */
      version: number;
    };
    AccreditationRule: {
      /** @example networking-gold */
      key: string;
      /** @example Networking Gold */
      name: string;
      /**
       * @default null
       * @example networking
       */
      productLine?: string | null;
      requirements: components['schemas']['AccreditationRequirement'][];
    };
    AccreditationRequirement: {
      /**
       * @description The certification key, as the exam grants it.
       * @example networking
       */
      certification: string;
      min: number;
      /**
       * @description Only holders with this role count.
       * @enum {string}
       */
      role?: 'partner-admin' | 'partner-sales' | 'partner-marketing' | 'partner-user';
    };
    AccreditationRulesInput: {
      items: components['schemas']['AccreditationRule'][];
    };
    IncentiveProgrammePage: {
      items: components['schemas']['IncentiveProgramme'][];
      nextCursor: string | null;
    };
    IncentiveProgramme: {
      /** @example Core partner rebate 2027 */
      name: string;
      /** @example EUR */
      currency: string;
      /**
       * @description How often the programme settles: monthly or quarterly, in UTC.
       * @enum {string}
       */
      cadence: 'monthly' | 'quarterly';
      /**
       * Format: date
       * @description The first close date this version applies to.
       * @example 2027-01-01
       */
      effectiveFrom: string;
      eligibility: components['schemas']['IncentiveEligibility'];
      rules: (
        | components['schemas']['RebateRule']
        | components['schemas']['SpiffRule']
        | components['schemas']['AcceleratorRule']
        | components['schemas']['GrowthRule']
      )[];
      split: components['schemas']['CreditSplit'];
      /** @description The most a partner earns in one period, in minor units; null for no cap. The excess is recorded as a cap entry. */
      capPerPartnerMinor: number | null;
      /** @description Below this a partner’s payable amount carries over to the next period. */
      minimumPayoutMinor: number;
      /** @example prg_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `prg_${string}`;
      /** @description The version number; an accrual records the one it used. */
      version: number;
      /** Format: date-time */
      createdAt: string;
      createdBy: string;
    };
    IncentiveEligibility: {
      /** @description Null for every type. */
      partnerTypes: ('reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier')[] | null;
      /** @description Null for every tier. */
      tiers: string[] | null;
      /**
       * @description A product line the partner must be accredited in when the deal closes; null for none.
       * @example networking
       */
      requiredAccreditation: string | null;
      /**
       * @description `protected-only`: only registrations that held protection when won; `all-won`: every won deal.
       * @enum {string}
       */
      deals: 'protected-only' | 'all-won';
    };
    /** @description A percentage of each deal line, by product line and tier. The most specific rate applies: product line and tier, then product line, then tier, then the rate for any. */
    RebateRule: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'rebate';
      /** @example core-rebate */
      id: string;
      rates: {
        /**
         * @description The product line this rate is for; null for any.
         * @example networking
         */
        productLine: string | null;
        /**
         * @description The tier this rate is for; null for any.
         * @example gold
         */
        tier: string | null;
        /**
         * @description The share of the line amount. In basis points: 250 is 2.50 %.
         * @example 250
         */
        rateBp: number;
      }[];
    };
    /** @description A fixed amount per won deal with a line in the product line, closed within the window. */
    SpiffRule: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'spiff';
      /** @example core-rebate */
      id: string;
      /** @example networking */
      productLine: string;
      /**
       * @description The fixed amount per qualifying deal, in minor units of the programme currency.
       * @example 50000
       */
      amountMinor: number;
      /**
       * Format: date
       * @example 2027-01-01
       */
      from: string;
      /**
       * Format: date
       * @description The last close date that qualifies (inclusive).
       * @example 2027-01-01
       */
      until: string;
    };
    /** @description Brackets of period revenue against a target, settled at period end. Marginal: each rate applies to the revenue inside its bracket. Contiguous: the first starts at 0 %, each starts where the one before ends, and only the last may be open. */
    AcceleratorRule: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'accelerator';
      /** @example core-rebate */
      id: string;
      /**
       * @description A partner's revenue target per period, in minor units.
       * @example 10000000
       */
      targetMinor: number;
      brackets: {
        /**
         * @description Where the bracket starts, in % of the target.
         * @example 100
         */
        fromPercent: number;
        /**
         * @description Where it ends, in % of the target; null for the last, open bracket.
         * @example 120
         */
        upToPercent: number | null;
        /**
         * @description The extra rate on the revenue inside the bracket. In basis points: 250 is 2.50 %.
         * @example 250
         */
        rateBp: number;
      }[];
    };
    /** @description A percentage of the period revenue above a baseline, settled at period end; nothing without growth. */
    GrowthRule: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'growth';
      /** @example core-rebate */
      id: string;
      baseline:
        | {
            /** @enum {string} */
            kind: 'same-period-last-year';
          }
        | {
            /** @enum {string} */
            kind: 'average-of-previous';
            periods: number;
          };
      /**
       * @description The share of the revenue above the baseline. In basis points: 250 is 2.50 %.
       * @example 250
       */
      rateBp: number;
    };
    /** @description How a two-partner deal splits its credit: the second partner gets its role’s share, the registering partner the rest. */
    CreditSplit: {
      /**
       * @description The second partner's share of a deal's credit when it is the distributor. In basis points: 250 is 2.50 %.
       * @example 250
       */
      distributor: number;
      /**
       * @description The second partner's share when it is the reseller. In basis points: 250 is 2.50 %.
       * @example 250
       */
      reseller: number;
      /**
       * @description The second partner's share when it referred the deal. In basis points: 250 is 2.50 %.
       * @example 250
       */
      referral: number;
    };
    IncentiveProgrammeInput: {
      /** @example Core partner rebate 2027 */
      name: string;
      /** @example EUR */
      currency: string;
      /**
       * @description How often the programme settles: monthly or quarterly, in UTC.
       * @enum {string}
       */
      cadence: 'monthly' | 'quarterly';
      /**
       * Format: date
       * @description The first close date this version applies to.
       * @example 2027-01-01
       */
      effectiveFrom: string;
      eligibility: components['schemas']['IncentiveEligibility'];
      rules: (
        | components['schemas']['RebateRule']
        | components['schemas']['SpiffRule']
        | components['schemas']['AcceleratorRule']
        | components['schemas']['GrowthRule']
      )[];
      split: components['schemas']['CreditSplit'];
      /** @description The most a partner earns in one period, in minor units; null for no cap. The excess is recorded as a cap entry. */
      capPerPartnerMinor: number | null;
      /** @description Below this a partner’s payable amount carries over to the next period. */
      minimumPayoutMinor: number;
    };
    /** @description A page of a partner’s entries in a period, oldest first, each with the running balance. */
    LedgerPage: {
      partnerId: string;
      period: string;
      items: components['schemas']['LedgerLine'][];
      nextCursor: string | null;
    };
    LedgerLine: {
      /** @description Derived from the source event, the rule, the partner and the deal line: a redelivery derives the same id. */
      id: string;
      /** @enum {string} */
      kind: 'accrual' | 'reversal' | 'adjustment' | 'period-end' | 'cap';
      partnerId: string;
      /** @example 2027-01 */
      period: string;
      programmeId: string;
      programmeVersion: number;
      ruleId: string;
      /** @enum {string} */
      ruleKind: 'rebate' | 'spiff' | 'accelerator' | 'growth' | 'cap';
      sourceEventId: string;
      dealId: string | null;
      productLine: string | null;
      /** @description Integer minor units; negative for a reversal or a cap. */
      amountMinor: number;
      currency: string;
      /** @description The entry this one reverses. */
      reverses: string | null;
      explanation: {
        inputs: {
          [key: string]: unknown;
        };
        arithmetic: string;
      };
      /**
       * Format: date-time
       * @description When incentives recorded the entry; entries are listed in this order.
       */
      recordedAt: string;
      /** @description The partner's running balance in the period after this entry, in minor units of the entry's currency. */
      balanceMinor: number;
    };
    IncentiveStatementPage: {
      items: components['schemas']['IncentiveStatement'][];
      nextCursor: string | null;
    };
    IncentiveStatement: {
      runId: string;
      partnerId: string;
      period: string;
      programmeId: string;
      programmeVersion: number;
      currency: string;
      /**
       * @description `draft` until finance approves the run; an approved statement never changes.
       * @enum {string}
       */
      status: 'draft' | 'approved';
      /** @description The period's credited revenue (won minus reversed). */
      revenueMinor: number;
      /** @description Σ of the entries accrued or reversed into the period. */
      accruedMinor: number;
      periodEndEntries: components['schemas']['LedgerEntry'][];
      /** @description accrued + period-end entries. */
      earnedMinor: number;
      carriedInMinor: number;
      payableMinor: number;
      carriedOutMinor: number;
      notes: string[];
    };
    LedgerEntry: {
      /** @description Derived from the source event, the rule, the partner and the deal line: a redelivery derives the same id. */
      id: string;
      /** @enum {string} */
      kind: 'accrual' | 'reversal' | 'adjustment' | 'period-end' | 'cap';
      partnerId: string;
      /** @example 2027-01 */
      period: string;
      programmeId: string;
      programmeVersion: number;
      ruleId: string;
      /** @enum {string} */
      ruleKind: 'rebate' | 'spiff' | 'accelerator' | 'growth' | 'cap';
      sourceEventId: string;
      dealId: string | null;
      productLine: string | null;
      /** @description Integer minor units; negative for a reversal or a cap. */
      amountMinor: number;
      currency: string;
      /** @description The entry this one reverses. */
      reverses: string | null;
      explanation: {
        inputs: {
          [key: string]: unknown;
        };
        arithmetic: string;
      };
    };
    SettlementRun: {
      /** @example stl_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      id: `stl_${string}`;
      programmeId: string;
      /** @description The version in force on the period's last day, whose period-end rules settle it. */
      programmeVersion: number;
      /** @example 2027-01 */
      period: string;
      currency: string;
      /**
       * @description `running` (closing the period, computing statements), `awaiting-approval`, `approved`.
       * @enum {string}
       */
      status: 'running' | 'awaiting-approval' | 'approved';
      startedBy: {
        /** @enum {string} */
        kind: 'schedule' | 'user';
        sub: string;
      };
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      statementsAt: string | null;
      approvedBy: string | null;
      /** Format: date-time */
      approvedAt: string | null;
      /** @description Once the statements are written; they reconcile: payable = entries + carried in − carried out. */
      totals: {
        partners: number;
        /** @description Σ of the period's entries: accruals, reversals, period-end entries and caps. */
        entriesMinor: number;
        /** @description Σ carried in from the period before. */
        carriedInMinor: number;
        /** @description Σ carried to the next period (balances below the minimum payout, and negative balances). */
        carriedOutMinor: number;
        /** @description Σ payable: entries + carried in − carried out. */
        payableMinor: number;
      } | null;
      version: number;
    };
    StartSettlement: {
      /** @example prg_01JD3Z8Q4W6N7P2R5T9V0XKM3A */
      programmeId: `prg_${string}`;
      /** @example 2027-01 */
      period: string;
    };
    SettlementRunPage: {
      items: components['schemas']['SettlementRun'][];
      nextCursor: string | null;
    };
    SettlementStatementPage: {
      items: components['schemas']['IncentiveStatement'][];
      nextCursor: string | null;
    };
    /** @description Every payout of an approved run. */
    PayoutList: {
      runId: string;
      items: components['schemas']['Payout'][];
    };
    Payout: {
      runId: string;
      partnerId: string;
      programmeId: string;
      period: string;
      amountMinor: number;
      currency: string;
      /** @enum {string} */
      status: 'payable' | 'paid';
      paymentReference: string | null;
      /** Format: date-time */
      paidAt: string | null;
    };
    PaymentReference: {
      /**
       * @description The payment's reference in finance's payment system (a bank transfer's end-to-end id, say).
       * @example SEPA-2027-02-000123
       */
      reference: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API answers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Local runtime only: still starting (`not-ready`) */
      503: {
        headers: {
          /** @description Seconds to wait before polling again (1) */
          'Retry-After'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openapi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenApiDocument'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  docs: {
    parameters: {
      query?: {
        /** @description The page script (served from the same route) */
        asset?: 'reference.js';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An HTML page (or, with `asset=reference.js`, its script) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
          'text/javascript': string;
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPartners: {
    parameters: {
      query?: {
        status?: 'onboarding' | 'active' | 'suspended' | 'terminated';
        tier?: string;
        type?: 'reseller' | 'distributor' | 'dealer' | 'msp' | 'referral' | 'supplier';
        country?: string;
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of partners */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPartner: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePartner'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          /** @description The partner URL */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartner: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The partner */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updatePartner: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePartner'];
      };
    };
    responses: {
      /** @description The updated partner */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description Identity fields await approval: the change request */
      202: {
        headers: {
          /** @description The change request URL */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerChangeRequest'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listChangeRequests: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of change requests */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerChangeRequestPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveChangeRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
        changeRequestId: `chg_${string}`;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The approved request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerChangeRequest'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectChangeRequest: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
        changeRequestId: `chg_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeRejection'];
      };
    };
    responses: {
      /** @description The rejected request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerChangeRequest'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  suspendPartner: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StatusChange'];
      };
    };
    responses: {
      /** @description The suspended partner */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reactivatePartner: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StatusChange'];
      };
    };
    responses: {
      /** @description The active partner */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  terminatePartner: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StatusChange'];
      };
    };
    responses: {
      /** @description The terminated partner */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPartnerUsers: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of users */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerUserPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addPartnerUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddPartnerUser'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          /** @description The user URL */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerUser'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartnerUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `ptr_${string}`;
        userId: `usr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerUser'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updatePartnerUser: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path: {
        id: `ptr_${string}`;
        userId: `usr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePartnerUser'];
      };
    };
    responses: {
      /** @description The updated user */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerUser'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartnerHistory: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTiers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tiers */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tiers'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putTiers: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutTiers'];
      };
    };
    responses: {
      /** @description The new tiers */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tiers'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProductLines: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The product lines */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductLines'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putProductLines: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutProductLines'];
      };
    };
    responses: {
      /** @description The new product lines */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductLines'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApplications: {
    parameters: {
      query?: {
        status?: 'pending' | 'approved' | 'rejected' | 'expired';
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of applications */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitApplication: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitApplication'];
      };
    };
    responses: {
      /** @description Received */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationReceipt'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `app_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The application */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveApplication: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `app_${string}`;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ApproveApplication'];
      };
    };
    responses: {
      /** @description The approved application; `decision` names the partner and user created */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectApplication: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `app_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectApplication'];
      };
    };
    responses: {
      /** @description The rejected application */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPartnerAgreements: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of agreement offers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgreementOfferPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptAgreement: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
        agreementId: `agr_${string}`;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The accepted offer */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgreementOffer'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOnboardingChecklist: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The checklist */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OnboardingChecklist'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completeChecklistItem: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `ptr_${string}`;
        itemId: string;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The checklist */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OnboardingChecklist'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOnboardingSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The settings (version 0: the built-in defaults) */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OnboardingSettings'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putOnboardingSettings: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OnboardingSettingsInput'];
      };
    };
    responses: {
      /** @description The new settings */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OnboardingSettings'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAgreements: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of agreements */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgreementPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishAgreement: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishAgreement'];
      };
    };
    responses: {
      /** @description Published */
      201: {
        headers: {
          /** @description The agreements URL */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listLeads: {
    parameters: {
      query?: {
        status?: 'new' | 'offered' | 'unassigned' | 'accepted' | 'contacted' | 'qualified' | 'converted' | 'lost';
        partnerId?: `ptr_${string}`;
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of leads */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createLead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLead'];
      };
    };
    responses: {
      /** @description A lead with this externalId exists: it, unchanged */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description Created (and routed) */
      201: {
        headers: {
          /** @description The lead */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createLeadBatch: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LeadBatch'];
      };
    };
    responses: {
      /** @description One result per item, in order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadBatchResult'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The lead */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptLead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['AcceptLead'];
      };
    };
    responses: {
      /** @description The accepted lead, with its contact */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectLead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectLead'];
      };
    };
    responses: {
      /** @description The lead as the partner last sees it */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  changeLeadStatus: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LeadStatusChange'];
      };
    };
    responses: {
      /** @description The lead */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listLeadNotes: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of notes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadNotePage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addLeadNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddLeadNote'];
      };
    };
    responses: {
      /** @description The note */
      201: {
        headers: {
          /** @description The notes of the lead */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadNote'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  routeLead: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The lead after routing */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Lead'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLeadRouting: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of decisions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingDecisionPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRoutingSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The settings (version 0: the built-in defaults) */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingSettings'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putRoutingSettings: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RoutingSettingsInput'];
      };
    };
    responses: {
      /** @description The new settings */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingSettings'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkDealConflicts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DealConflictCheck'];
      };
    };
    responses: {
      /** @description The verdict (partners) or the matches (vendor roles) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DealConflictAnswer'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDeals: {
    parameters: {
      query?: {
        status?: 'submitted' | 'under_review' | 'approved' | 'rejected' | 'expired' | 'won' | 'lost';
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of registrations */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DealPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerDeal: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterDeal'];
      };
    };
    responses: {
      /** @description Registered */
      201: {
        headers: {
          /** @description The registration */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDeal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDealConflicts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The matches */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DealConflicts'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveDeal: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ApproveDeal'];
      };
    };
    responses: {
      /** @description The approved registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectDeal: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectDeal'];
      };
    };
    responses: {
      /** @description The rejected registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  extendDeal: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The extended registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  markDealWon: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WinDeal'];
      };
    };
    responses: {
      /** @description The won registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  markDealLost: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoseDeal'];
      };
    };
    responses: {
      /** @description The lost registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reverseDealWin: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReverseWonDeal'];
      };
    };
    responses: {
      /** @description The corrected registration */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deal'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDealRules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rules (version 0: the built-in defaults) */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DealRules'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putDealRules: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DealRulesInput'];
      };
    };
    responses: {
      /** @description The new rules */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DealRules'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCourses: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of courses */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CoursePage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCourse: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CourseInput'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          /** @description The course */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Course'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCourse: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `crs_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The course */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Course'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putCourse: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path: {
        id: `crs_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CourseInput'];
      };
    };
    responses: {
      /** @description The course */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Course'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listExams: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of exams */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExamPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createExam: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExamInput'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          /** @description The exam */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Exam'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getExam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `exm_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The exam as the caller may see it */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExamView'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putExam: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path: {
        id: `exm_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExamInput'];
      };
    };
    responses: {
      /** @description The exam */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Exam'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startAttempt: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `exm_${string}`;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The attempt */
      201: {
        headers: {
          /** @description The attempt */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Attempt'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitAttempt: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `exm_${string}`;
        attemptId: `att_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitAnswers'];
      };
    };
    responses: {
      /** @description The graded attempt */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Attempt'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCertifications: {
    parameters: {
      query?: {
        partnerId?: `ptr_${string}`;
        userId?: string;
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of certifications */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CertificationPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartnerAccreditations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The accreditations */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerAccreditations'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAccreditationRules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rules (version 0: none yet) */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccreditationRules'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putAccreditationRules: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AccreditationRulesInput'];
      };
    };
    responses: {
      /** @description The new rules */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccreditationRules'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIncentivePrograms: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of programmes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncentiveProgrammePage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createIncentiveProgram: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IncentiveProgrammeInput'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          /** @description The programme */
          location?: string;
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncentiveProgramme'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIncentiveProgram: {
    parameters: {
      query?: {
        version?: number;
      };
      header?: never;
      path: {
        id: `prg_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The programme version */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncentiveProgramme'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putIncentiveProgram: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag. */
        'If-Match': string;
      };
      path: {
        id: `prg_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IncentiveProgrammeInput'];
      };
    };
    responses: {
      /** @description The new version */
      200: {
        headers: {
          /** @description The version tag to send back in If-Match */
          etag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncentiveProgramme'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The If-Match ETag is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description If-Match is required, with a specific ETag (`*` is not accepted) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartnerLedger: {
    parameters: {
      query?: {
        /** @description The period; the current month (UTC) when omitted. */
        period?: string;
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of the ledger */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LedgerPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPartnerStatements: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of statements */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncentiveStatementPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSettlements: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of runs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementRunPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startSettlement: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartSettlement'];
      };
    };
    responses: {
      /** @description The run already started for this programme and period */
      200: {
        headers: {
          /** @description The run */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementRun'];
        };
      };
      /** @description Started */
      201: {
        headers: {
          /** @description The run */
          location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementRun'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSettlement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `stl_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementRun'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSettlementStatements: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Opaque cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: `stl_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of statements */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementStatementPage'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveSettlement: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key and body return the first response */
        'Idempotency-Key'?: string;
      };
      path: {
        id: `stl_${string}`;
      };
      cookie?: never;
    };
    /** @description None, or {} as application/json */
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The approved run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettlementRun'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The Idempotency-Key was used with another request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSettlementPayouts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `stl_${string}`;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The payouts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayoutList'];
          'text/csv': string;
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordPayoutPayment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: `stl_${string}`;
        partnerId: `ptr_${string}`;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PaymentReference'];
      };
    };
    responses: {
      /** @description The paid payout */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Payout'];
        };
      };
      /** @description The request is not valid (field paths in `errors`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state, or the same Idempotency-Key is in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}

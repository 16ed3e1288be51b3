import { examplePartner } from '../partners/index.ts';
import {
  AccreditationAtRisk,
  AccreditationGranted,
  AccreditationLost,
  AccreditationRulesChanged,
  CertificationExpired,
  CertificationExpiring,
  CertificationIssued,
  CertificationRenewed,
  ExamFailed,
  ExamPassed,
} from './events.ts';
import { exampleAccreditation as accreditation, exampleCertification as certification, exampleExam } from './examples.ts';

const outcome = {
  attemptId: 'att_01JD40D1E2F3G4H5J6K7M8N9P0',
  examId: exampleExam.id,
  partnerId: examplePartner.id,
  userId: certification.userId,
  scorePercent: 80,
  passMarkPercent: 70,
  late: false,
  topics: [{ topic: 'switching', correct: 4, total: 5, passed: true }],
  submittedAt: '2026-11-20T10:00:00.000Z',
};
const atRisk = { at: '2028-11-20T10:00:00.000Z', certificationId: certification.id, certification: certification.key, userId: certification.userId };
const partnerId = examplePartner.id;

/** Each event of the context with the example data the catalogue publishes for it (none carries an answer key). */
export const trainingEventExamples = [
  { event: ExamPassed, data: outcome },
  { event: ExamFailed, data: { ...outcome, scorePercent: 40, topics: [{ topic: 'switching', correct: 2, total: 5, passed: false }] } },
  { event: CertificationIssued, data: { certification } },
  {
    event: CertificationRenewed,
    data: {
      certification: { ...certification, renewedAt: '2028-10-01T10:00:00.000Z', expiresAt: '2030-11-20T10:00:00.000Z', version: 3 },
      previousExpiresAt: certification.expiresAt,
    },
  },
  { event: CertificationExpiring, data: { certification: { ...certification, remindersSent: [60], version: 2 }, daysBefore: 60 } },
  { event: CertificationExpired, data: { certification: { ...certification, status: 'expired', remindersSent: [60, 30], version: 4 } } },
  { event: AccreditationGranted, data: { partnerId, accreditation, rulesVersion: 1 } },
  {
    event: AccreditationLost,
    data: {
      partnerId,
      accreditation: {
        ...accreditation,
        granted: false,
        since: null,
        requirements: [{ ...accreditation.requirements[0]!, have: 1, missing: 1 }],
        missing: ['1 more partner-sales user with networking-associate'],
      },
      rulesVersion: 1,
    },
  },
  { event: AccreditationAtRisk, data: { partnerId, accreditation: { ...accreditation, atRisk }, atRisk } },
  {
    event: AccreditationRulesChanged,
    data: {
      rules: {
        items: [
          {
            key: 'networking-gold',
            name: 'Networking Gold',
            productLine: 'networking',
            requirements: [{ certification: 'networking-associate', min: 2, role: 'partner-sales' }],
          },
        ],
        updatedAt: '2026-11-01T07:00:00.000Z',
        version: 1,
      },
    },
  },
] as const;

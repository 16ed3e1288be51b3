import { examplePartner } from '../partners/index.ts';
import type { AccreditationState, Certification, Exam } from './model.ts';

/** Fixed sample records for documentation (the event catalogue's examples). No answer key appears outside `exampleExam`. */
export const exampleExam: Exam = {
  id: 'exm_01JD40B1C2D3E4F5G6H7J8K9M0',
  title: 'Networking Associate',
  productLine: 'networking',
  questions: [
    {
      id: 'q-vlan-range',
      topic: 'switching',
      text: 'How many VLAN ids does 802.1Q allow?',
      kind: 'single',
      options: [
        { id: 'o-4094', text: '4094' },
        { id: 'o-1024', text: '1024' },
      ],
      correct: ['o-4094'],
    },
  ],
  questionsPerAttempt: 1,
  passMarkPercent: 70,
  timeLimitMinutes: 30,
  attempts: { max: 3, periodDays: 30 },
  certification: { key: 'networking-associate', name: 'Certified Networking Associate', validityMonths: 24 },
  reviewPolicy: 'score-and-topics',
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
  version: 1,
};

export const exampleCertification: Certification = {
  id: 'crt_01JD40C1D2E3F4G5H6J7K8M9N0',
  key: 'networking-associate',
  name: 'Certified Networking Associate',
  examId: exampleExam.id,
  productLine: 'networking',
  partnerId: examplePartner.id,
  userId: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M',
  status: 'active',
  issuedAt: '2026-11-20T10:00:00.000Z',
  renewedAt: null,
  expiresAt: '2028-11-20T10:00:00.000Z',
  remindersSent: [],
  version: 1,
};

export const exampleAccreditation: AccreditationState = {
  key: 'networking-gold',
  name: 'Networking Gold',
  productLine: 'networking',
  granted: true,
  since: '2026-11-20T10:00:00.000Z',
  requirements: [{ certification: 'networking-associate', min: 2, role: 'partner-sales', have: 2, missing: 0 }],
  missing: [],
  atRisk: null,
};

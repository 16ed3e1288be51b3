import type { MatrixSamples } from '../../test/support/matrix.ts';

/** The authorisation matrix's samples for the platform's routes (test/support/matrix.ts). */
export default {
  bodies: {
    health: undefined,
    openapi: undefined,
    docs: undefined,
    me: undefined,
  },
  // Every principal may ask who it is.
  openToEveryRole: ['me'],
} satisfies MatrixSamples;

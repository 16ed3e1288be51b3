import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentContracts } from '../../scripts/artifacts.ts';
import { BREAKING, checkContracts } from '../../scripts/event-contracts.ts';
import { REPO, contractPath, readBaseline, readRetirements, renderContract } from '../../scripts/events-baseline.ts';

// The event catalogue's promise to consumers (events/README.md, "Contracts: what may change").
const baseline = readBaseline();
const current = currentContracts();
const problems = checkContracts(baseline, current, readRetirements());

describe('published event contracts', () => {
  it('break no consumer: a breaking change is declared as a new version or a retirement', () => {
    const breaking = problems.filter((p) => BREAKING.has(p.kind)).map((p) => `${p.kind}: ${p.message}`);
    expect(breaking, 'declare a new event version (defineEvent(..., { version })) or a retirement in events/retired.json').toEqual([]);
  });

  it('are all recorded in events/baseline, and every retirement is sound', () => {
    const rest = problems.filter((p) => !BREAKING.has(p.kind)).map((p) => p.message);
    expect(rest, 'run npm run events:baseline').toEqual([]);
  });

  it('keep the baseline files as npm run events:baseline writes them', () => {
    expect(baseline.length).toBeGreaterThanOrEqual(current.length);
    for (const c of baseline) expect(readFileSync(join(REPO, contractPath(c)), 'utf8'), contractPath(c)).toBe(renderContract(c));
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
const addFormats = formats.default;

/**
 * The contract check every test request goes through (test/support/stack.ts `request()`, its
 * `requestFrom` path, and test/reliability/helpers.ts `rawRequest`): the response's status must
 * be documented for the request's operation in openapi.json, its content type declared for that
 * status, and its JSON body valid against the declared schema (Ajv, JSON Schema 2020-12, formats on).
 */

const DOC_ID = 'https://channelbase.dev/openapi.json';
const PROBLEM_REF = `${DOC_ID}#/components/schemas/Problem`;

interface MediaType {
  schema?: object;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/**
 * Every exemption from "the status is documented for the operation", in one place, with its reason.
 * None of them exempts the body: each is still validated (as a Problem, unless `body: false`).
 */
export const EXEMPTIONS = {
  /** Local-only routes of the local stack (token issuing, its JWKS): not part of the deployed API, nor of the contract. */
  localOnlyPathPrefix: '/local/',
  /**
   * A request that matches no operation (unknown path, or a method the path does not declare) is
   * answered by the gateway before routing: 404 (as API Gateway answers a missing route) or 405, as a Problem.
   */
  unknownRouteStatuses: [404, 405],
  /**
   * Answers the gateway gives before a request reaches any operation, for any path: 400 for a
   * request that is not valid HTTP (Node's parser), 408 for one not received in time, 413 for a
   * body beyond the gateway's limit, 414/431 for a request head beyond API Gateway's 10 240 bytes.
   * They are properties of the gateway, not of an operation; each must still be a Problem.
   */
  gatewayStatuses: [400, 408, 413, 414, 431],
} as const;

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export interface CheckedResponse {
  status: number;
  headers: Headers;
  text: string;
}

interface CompiledOperation {
  method: string;
  template: string;
  pattern: RegExp;
  literals: number;
  operation: Operation;
}

export class ContractValidator {
  private readonly ajv: Ajv2020;
  private readonly operations: CompiledOperation[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    // strict: false — OpenAPI 3.1 schemas carry `example` and `x-*` keywords Ajv does not know.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, DOC_ID);
    this.operations = Object.entries(doc.paths)
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([m]) => ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'].includes(m))
          .map(([method, operation]) => {
            const segments = template.split('/').filter(Boolean);
            const params = segments.filter((s) => /^\{\w+\}$/.test(s)).length;
            const pattern = new RegExp(`^/${segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
            return { method: method.toUpperCase(), template, pattern, literals: segments.length - params, operation };
          }),
      )
      .sort((a, b) => b.literals - a.literals);
  }

  /** Throws a ContractViolation if the response to `method path` is not what openapi.json documents. */
  check(method: string, path: string, res: CheckedResponse): void {
    const pathname = new URL(path, 'http://contract.invalid').pathname;
    if (pathname.startsWith(EXEMPTIONS.localOnlyPathPrefix)) return;
    const upper = method.toUpperCase();
    const where = `${upper} ${path} → ${res.status}`;
    const op = this.operations.find((o) => o.method === upper && o.pattern.test(pathname));
    const gateway = (EXEMPTIONS.gatewayStatuses as readonly number[]).includes(res.status);
    if (!op) {
      if (!gateway && !(EXEMPTIONS.unknownRouteStatuses as readonly number[]).includes(res.status))
        throw new ContractViolation(
          `${where}: no operation matches ${upper} ${pathname}, and ${res.status} is not a gateway answer (404/405 or ${EXEMPTIONS.gatewayStatuses.join('/')})`,
        );
      return this.checkBody(where, res, { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } });
    }
    const documented = op.operation.responses[String(res.status)] ?? op.operation.responses.default;
    if (!documented) {
      if (gateway) return this.checkBody(where, res, { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } });
      throw new ContractViolation(
        `${where}: status ${res.status} is not documented for ${upper} ${op.template} (documented: ${Object.keys(op.operation.responses).join(', ')}); body: ${res.text.slice(0, 300)}`,
      );
    }
    this.checkBody(`${where} (${upper} ${op.template})`, res, documented.content);
  }

  private checkBody(where: string, res: CheckedResponse, content: Record<string, MediaType> | undefined): void {
    const header = res.headers.get('content-type');
    const mediaType = header?.split(';')[0]!.trim().toLowerCase();
    if (!content || Object.keys(content).length === 0) {
      if (res.text.length > 0) throw new ContractViolation(`${where}: no content is documented, but the body is ${res.text.slice(0, 200)}`);
      return;
    }
    if (!mediaType || !(mediaType in content))
      throw new ContractViolation(`${where}: content type ${header ?? '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`);
    const schema = content[mediaType]!.schema;
    if (!schema || !/[/+]json$/.test(mediaType)) return;
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new ContractViolation(`${where}: the ${mediaType} body is not JSON: ${res.text.slice(0, 200)}`);
    }
    const validate = this.validator(schema);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`).join('; ');
      throw new ContractViolation(`${where}: the body does not match its schema: ${errors}; body: ${res.text.slice(0, 300)}`);
    }
  }

  private validator(schema: object): ValidateFunction {
    // Document-relative $refs (#/components/...) resolve against the document added under DOC_ID.
    const key = JSON.stringify(schema);
    let v = this.validators.get(key);
    if (v === undefined) {
      v = this.ajv.compile({ $id: `${DOC_ID}/responses/${this.validators.size}`, ...rebase(schema) });
      this.validators.set(key, v);
    }
    return v as ValidateFunction;
  }
}

/** Rewrites `#/...` references of a schema taken out of the document so they point into it. */
function rebase(schema: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' && x.startsWith('#') ? `${DOC_ID}${x}` : walk(x)]));
    return v;
  };
  return walk(schema) as Record<string, unknown>;
}

let shared: ContractValidator | undefined;
const byStack = new Map<string, ContractValidator>();

/**
 * The validator for a stack's base URL: the repository's openapi.json (loaded once per test file),
 * unless the stack serves other wirings (a test fixture) and registered their document with `useContract`.
 */
export function contract(url?: string): ContractValidator {
  const own = url === undefined ? undefined : byStack.get(new URL(url).origin);
  if (own) return own;
  shared ??= new ContractValidator(JSON.parse(readFileSync(fileURLToPath(new URL('../../openapi.json', import.meta.url)), 'utf8')) as OpenApiDocument);
  return shared;
}

/** Checks the responses of the stack at `url` against `doc` (the document of the wirings it serves, e.g. `buildOpenApi(wirings)`). */
export function useContract(url: string, doc: unknown): void {
  byStack.set(new URL(url).origin, new ContractValidator(JSON.parse(JSON.stringify(doc)) as OpenApiDocument));
}

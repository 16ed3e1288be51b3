import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  type AdminListGroupsForUserCommandOutput,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AliasExistsException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoClient, IdentityCommand } from '../../functions/partners/identity.ts';

/** One user of the in-memory pool. */
export interface FakeCognitoUser {
  enabled: boolean;
  groups: Set<string>;
  attributes: Record<string, string>;
  /** Wall-clock times (ms) of each AdminUserGlobalSignOut. */
  signOuts: number[];
  /** FORCE_CHANGE_PASSWORD until the user first signs in (a test sets CONFIRMED). */
  status: string;
}

/** A deterministic pseudo-random source (mulberry32), so a failing interleaving can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * An in-memory Cognito user pool behind the client interface the directory uses. Every call
 * waits a random few milliseconds before and after it takes effect, as network calls do, and
 * now and then much longer (a slow call, a throttled retry), so that concurrent provisioning
 * passes interleave their calls and an older pass can land after a newer one.
 */
export class FakeCognito implements CognitoClient {
  readonly users = new Map<string, FakeCognitoUser>();
  readonly calls: string[] = [];

  constructor(
    private readonly random: () => number = Math.random,
    private readonly maxDelayMs = 8,
  ) {}

  private delay(): Promise<void> {
    if (this.maxDelayMs === 0) return Promise.resolve();
    const slow = this.random() < 0.15;
    return sleep((slow ? 5 : 1) * this.maxDelayMs * (1 + this.random()));
  }

  send(command: AdminListGroupsForUserCommand): Promise<AdminListGroupsForUserCommandOutput>;
  send(command: IdentityCommand): Promise<unknown>;
  async send(command: IdentityCommand): Promise<unknown> {
    await this.delay();
    const result = this.apply(command);
    await this.delay();
    return result;
  }

  private user(name: string | undefined): FakeCognitoUser {
    const user = name ? this.users.get(name) : undefined;
    if (!user) throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
    return user;
  }

  private apply(command: IdentityCommand): unknown {
    this.calls.push(command.constructor.name);
    const attributes = (list: { Name?: string; Value?: string }[] = []) => Object.fromEntries(list.map((a) => [a.Name ?? '', a.Value ?? '']));
    if (command instanceof AdminCreateUserCommand) {
      const name = command.input.Username!;
      if (this.users.has(name)) throw new UsernameExistsException({ message: 'User account already exists', $metadata: {} });
      const given = attributes(command.input.UserAttributes);
      // E-mail is a sign-in alias: a verified address belongs to one user of the pool.
      if ([...this.users.values()].some((u) => u.attributes.email === given.email)) {
        throw new AliasExistsException({ message: 'An account with the email already exists.', $metadata: {} });
      }
      this.users.set(name, { enabled: true, groups: new Set(), attributes: given, signOuts: [], status: 'FORCE_CHANGE_PASSWORD' });
      return {};
    }
    if (command instanceof AdminDeleteUserCommand) {
      this.user(command.input.Username);
      this.users.delete(command.input.Username!);
      return {};
    }
    if (command instanceof AdminGetUserCommand) return { UserStatus: this.user(command.input.Username).status };
    if (command instanceof AdminUpdateUserAttributesCommand) {
      Object.assign(this.user(command.input.Username).attributes, attributes(command.input.UserAttributes));
      return {};
    }
    if (command instanceof AdminListGroupsForUserCommand) {
      return { Groups: [...this.user(command.input.Username).groups].map((GroupName) => ({ GroupName })), $metadata: {} };
    }
    // Cognito accepts adding a member again and removing a non-member.
    if (command instanceof AdminAddUserToGroupCommand) this.user(command.input.Username).groups.add(command.input.GroupName!);
    else if (command instanceof AdminRemoveUserFromGroupCommand) this.user(command.input.Username).groups.delete(command.input.GroupName!);
    else if (command instanceof AdminEnableUserCommand) this.user(command.input.Username).enabled = true;
    else if (command instanceof AdminDisableUserCommand) this.user(command.input.Username).enabled = false;
    else if (command instanceof AdminUserGlobalSignOutCommand) this.user(command.input.Username).signOuts.push(Date.now());
    else throw new Error(`FakeCognito: unexpected command ${(command as object).constructor.name}`);
    return {};
  }
}

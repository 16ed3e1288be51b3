import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/** Partner master data; its identity-provisioning consumer manages the users of the Cognito pool, its invitation-expiry step reads them. */
export default class PartnersContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    const provisioning = this.consumer('provision-identity');
    provisioning.fn.addEnvironment('USER_POOL_ID', props.shared.auth.userPool.userPoolId);
    props.shared.auth.grantIdentityProvisioning(provisioning.fn);
    // The invitation window's end asks Cognito whether the user ever signed in.
    const invitations = this.workflow('invitation-expiry').step.fn;
    invitations.addEnvironment('USER_POOL_ID', props.shared.auth.userPool.userPoolId);
    props.shared.auth.grantInvitationCheck(invitations);
  }
}

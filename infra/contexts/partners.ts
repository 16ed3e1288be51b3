import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/** Partner master data; its identity-provisioning consumer manages the users of the Cognito pool. */
export default class PartnersContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    const provisioning = this.consumer('provision-identity');
    provisioning.fn.addEnvironment('USER_POOL_ID', props.shared.auth.userPool.userPoolId);
    props.shared.auth.grantIdentityProvisioning(provisioning.fn);
  }
}

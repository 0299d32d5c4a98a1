/**
 * Child process of `measurePolicySpeedIsolated`: measures one policy and prints the result as
 * JSON on stdout. Argument: `{"policy": …, "options": …}`.
 */
import { measurePolicySpeed, type PolicySpeedOptions } from './policy-speed';

const { policy, options } = JSON.parse(process.argv[2] ?? '{}') as { policy: string; options: PolicySpeedOptions };
process.stdout.write(JSON.stringify(measurePolicySpeed(policy, options)));

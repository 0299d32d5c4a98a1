import { LFUCache } from '../../../lib/core/lfu-cache';
import { LRUCache } from '../../../lib/core/lru-cache';
import { ARCCache } from '../../../lib/policies/arc-cache';
import { ClockCache } from '../../../lib/policies/clock-cache';
import { FIFOCache } from '../../../lib/policies/fifo-cache';
import { S3FIFOCache } from '../../../lib/policies/s3fifo-cache';
import { SieveCache } from '../../../lib/policies/sieve-cache';
import { WTinyLFUCache } from '../../../lib/policies/w-tinylfu-cache';
import { describePolicyContract } from './policy-contract';

// One line per cache: every bounded cache in the library keeps the same contract.
describePolicyContract('LRUCache', LRUCache);
describePolicyContract('LFUCache', LFUCache);
describePolicyContract('FIFOCache', FIFOCache);
describePolicyContract('ClockCache', ClockCache);
describePolicyContract('SieveCache', SieveCache);
describePolicyContract('S3FIFOCache', S3FIFOCache);
describePolicyContract('ARCCache', ARCCache);
describePolicyContract('WTinyLFUCache', WTinyLFUCache);

// Shard 1 of the typo fuzz (tests/source/fuzz-shard.ts): its quarter of the seed's cases.
import { fuzzShard } from './fuzz-shard.js';

fuzzShard(1);

// The part of @oclif/core bin/run.js needs, as a module of bwops: the bundle (scripts/bundle.mjs)
// puts @oclif/core in one chunk that this entry and every command share, so a run loads one file
// of it instead of ~470 (cold start, docs/architecture.md).
export {execute} from '@oclif/core'

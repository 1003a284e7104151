// @oclif/core as a module of bwops: the bundle (scripts/bundle-commands.mjs) puts @oclif/core in
// this one file, which bin/run.js loads and every command and hook imports @oclif/core from, so a
// run loads one file of it instead of ~470 and one copy of its settings (cold start,
// docs/architecture.md).
export {Args, Command, Errors, execute, Flags} from '@oclif/core'

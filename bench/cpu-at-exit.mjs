// Preloaded (`node --import`) into the CLI processes the bench times: prints the process's CPU time
// (user + system, every thread: the number-reading worker too) to stderr as it exits, so the bench
// reports CPU beside wall time; CPU depends little on the machine's load, wall a lot.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nBENCH_CPU_MS ${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
});

// The root's `prepack`: the repository root is the project (cdktf, the AWS SDK, jest: hundreds of packages), not
// a package anyone should install, so `npm pack` here stops and names the command's publishable package instead.
process.stderr.write(
  "npm pack: the repository root is the project, not a package. The check command's package is packages/api-access-check\n" +
    "(one file, no dependencies): npm run pack:check, or npm pack ./packages/api-access-check\n",
);
process.exit(1);

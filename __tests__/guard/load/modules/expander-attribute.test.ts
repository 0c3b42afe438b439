// ReferenceExpander: the attribute read from a variable or module output that passes a whole resource is kept
// (`module.c.user_pool.endpoint` -> `module.c.aws_cognito_user_pool.this.endpoint`), and never invented for a
// resource an object literal mentions (`var.cfg.issuer` of `{ issuer = aws_x.y.endpoint }` is no `.issuer` of aws_x.y).
import { ReferenceExpander } from "../../../../guard/load/expressions";

const refs = (...r: string[]) => ({ references: r });

const root = {
  module_calls: {
    c: {
      expressions: {},
      module: {
        outputs: {
          user_pool: { expression: refs("aws_cognito_user_pool.this") },
          pool_arn: { expression: refs("aws_cognito_user_pool.this.arn", "aws_cognito_user_pool.this") },
        },
      },
    },
    m: {
      expressions: {
        pool: refs("module.c.user_pool", "module.c"),
        cfg: refs("module.c.user_pool.endpoint", "module.c.user_pool", "module.c"),
        obj: refs("aws_s3_bucket.b.arn", "aws_s3_bucket.b"),
      },
      module: {},
    },
  },
};
const expander = new ReferenceExpander(root);

test("GIVEN module.c.user_pool.endpoint of an output passing the whole pool THEN the reference reads the pool's endpoint", () => {
  expect(expander.expand(["module.c.user_pool.endpoint", "module.c.user_pool", "module.c"], "")).toEqual([
    "module.c.aws_cognito_user_pool.this.endpoint",
    "module.c.aws_cognito_user_pool.this",
  ]);
});

test("GIVEN var.pool.id inside module m, pool = module.c.user_pool THEN the attribute is carried through both hops", () => {
  expect(expander.expand(["var.pool.id", "var.pool"], "module.m")).toContain("module.c.aws_cognito_user_pool.this.id");
});

test("GIVEN an output that already reads an attribute (pool_arn) THEN a further name is not appended", () => {
  expect(expander.expand(["module.c.pool_arn.foo"], "")).toEqual(["module.c.aws_cognito_user_pool.this.arn", "module.c.aws_cognito_user_pool.this"]);
});

test("GIVEN var.obj.key of an object literal naming aws_s3_bucket.b and its arn THEN no aws_s3_bucket.b.key is invented", () => {
  const out = expander.expand(["var.obj.key"], "module.m");
  expect(out).toContain("aws_s3_bucket.b.arn");
  expect(out.some((r) => r.endsWith(".key") && r.startsWith("aws_"))).toBe(false);
});

// Group permissions reach every member of the group: `*` actions and iam:PassRole need the labelled escape hatch.
import { parseSpec } from "../../access-spec/parse";
import { validateSpec } from "../../access-spec/validate";
import { asJsonData, specWith } from "./helpers";

const FILE = "specs/petstore.json";
const withAdminsPermission = (statement: Record<string, unknown>) =>
  specWith((s) => {
    const admins = s.cognito.groups.find((g) => g.name === "admins");
    if (admins === undefined) throw new Error("the sample has an admins group");
    admins.permissions = [...(admins.permissions ?? []), statement as never];
  });

describe("GIVEN a group permission statement", () => {
  it.each([["*"], ["iam:PassRole"], ["iam:*"], ["IAM:pass*"], ["*:*"]])("WHEN it allows %s without the escape hatch THEN validation refuses it", (action) => {
    const problems = validateSpec(withAdminsPermission({ effect: "Allow", actions: [action], resources: ["*"] }), FILE);
    expect(problems).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^cognito\.groups\[\d+\]\.permissions\[1\]\.actions\[0\]$/),
        value: action,
        message: expect.stringContaining(`group "admins": action ${JSON.stringify(action)}`),
      }),
    ]);
  });

  it("WHEN it allows s3:* or denies iam:PassRole THEN it passes", () => {
    expect(validateSpec(withAdminsPermission({ effect: "Allow", actions: ["s3:*"], resources: ["arn:aws:s3:::b/*"] }), FILE)).toEqual([]);
    expect(validateSpec(withAdminsPermission({ effect: "Deny", actions: ["iam:PassRole"], resources: ["*"] }), FILE)).toEqual([]);
  });

  it("WHEN the escape hatch carries a reason THEN iam:PassRole passes, and an empty reason is refused", () => {
    const ok = withAdminsPermission({
      effect: "Allow",
      actions: ["iam:PassRole"],
      resources: ["arn:aws:iam::123456789012:role/x"],
      allowPrivilegedActions: { reason: "admins launch the export job" },
    });
    expect(validateSpec(ok, FILE)).toEqual([]);
    const empty = withAdminsPermission({ effect: "Allow", actions: ["iam:PassRole"], resources: ["*"], allowPrivilegedActions: { reason: " " } });
    expect(validateSpec(empty, FILE).map((p) => p.path)).toEqual([expect.stringMatching(/allowPrivilegedActions\.reason$/)]);
  });

  it("WHEN a JSON spec carries the escape hatch THEN the parser keeps it", () => {
    const spec = withAdminsPermission({ effect: "Allow", actions: ["*"], resources: ["*"], allowPrivilegedActions: { reason: "break-glass group" } });
    const parsed = parseSpec(asJsonData(spec), FILE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.spec?.cognito.groups.find((g) => g.name === "admins")?.permissions?.[1]).toMatchObject({
      allowPrivilegedActions: { reason: "break-glass group" },
    });
  });
});

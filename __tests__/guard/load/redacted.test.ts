// A plan redacted by `npm run plan` is read with every marker as Unknown: no rule compares against the marker.
import { modelFromDocument } from "../../../guard/load";
import { REDACTED } from "../../../guard/load/redacted";
import { isUnknown } from "../../../guard/model";

const plan = {
  format_version: "1.2",
  planned_values: {
    root_module: {
      resources: [
        {
          address: "aws_ssm_parameter.cfg",
          mode: "managed",
          type: "aws_ssm_parameter",
          name: "cfg",
          values: { name: "/x/config", value: REDACTED, tags: { a: [REDACTED] } },
        },
      ],
    },
  },
  resource_changes: [
    { address: "aws_ssm_parameter.cfg", mode: "managed", type: "aws_ssm_parameter", name: "cfg", change: { actions: ["create"], after_unknown: {} } },
  ],
  configuration: {
    root_module: { resources: [{ address: "aws_ssm_parameter.cfg", mode: "managed", type: "aws_ssm_parameter", name: "cfg", expressions: {} }] },
  },
};

test("GIVEN a redacted plan WHEN loaded THEN the marker is Unknown everywhere and other values are kept", () => {
  const r = modelFromDocument(plan, "plan.json").resources[0];
  expect(r.values["name"]).toBe("/x/config");
  expect(isUnknown(r.values["value"])).toBe(true);
  expect(isUnknown((r.values["tags"] as { a: unknown[] }).a[0])).toBe(true);
});

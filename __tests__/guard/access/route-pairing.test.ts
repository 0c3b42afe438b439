// Routes by coverage, at the report level: who keeps which label, which rows a rename or an emptied API gives.
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { method, synth, type Doc } from "../review/fixtures/pairs";

const review = (mutate: (d: Doc) => void) => {
  const head = synth("dev");
  mutate(head);
  return diffModels(modelFromDocument(synth("dev"), "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
};

describe("GIVEN the dev sample as base", () => {
  it("WHEN a decoy REST API with the same name is added THEN the real API's routes keep their label and stay unchanged", () => {
    const r = review((d) => {
      d.resource["aws_api_gateway_rest_api"]["decoy"] = { name: "petstore-dev" };
      d.resource["aws_api_gateway_method"]["decoy_get"] = {
        api_key_required: false,
        authorization: "AWS_IAM",
        http_method: "GET",
        resource_id: "${aws_api_gateway_rest_api.decoy.root_resource_id}",
        rest_api_id: "${aws_api_gateway_rest_api.decoy.id}",
      };
    });
    const pets = r.routes.find((x) => x.route === "GET /pets");
    expect(pets).toMatchObject({ api: "petstore-dev", status: "unchanged" });
    expect(r.routes.filter((x) => x.status === "added").map((x) => `${x.api} ${x.route}`)).toEqual(["petstore-dev (aws_api_gateway_rest_api.decoy) GET /"]);
    expect(r.blocking).toBe(0);
  });

  it("WHEN a path parameter is renamed THEN no route is added or removed", () => {
    const r = review((d) => {
      const ref = String(method(d, "GET", "/pets/{petId}")["resource_id"]);
      const name = /aws_api_gateway_resource\.([^.]+)\.id/.exec(ref)?.[1] ?? "";
      d.resource["aws_api_gateway_resource"][name]["path_part"] = "{id}";
    });
    expect(r.routes.filter((x) => x.status !== "unchanged")).toEqual([]);
    expect(r.routes.map((x) => x.route)).toContain("GET /pets/{id}");
  });

  it("WHEN every method is removed THEN one blocking api-removed change replaces the per-route lines", () => {
    const r = review((d) => {
      delete d.resource["aws_api_gateway_method"];
    });
    const routeChanges = r.changes.filter((c) => c.kind === "route-removed");
    expect(routeChanges).toEqual([]);
    expect(r.changes.filter((c) => c.kind === "api-removed").map((c) => c.subject)).toEqual(["REST API petstore-dev"]);
    expect(r.routes.every((x) => x.status === "removed")).toBe(true);
  });

  it("WHEN GET /pets becomes ANY /pets with the same authorization THEN GET /pets is followed to it, nothing blocks", () => {
    const r = review((d) => {
      method(d, "GET", "/pets")["http_method"] = "ANY";
    });
    expect(r.blocking).toBe(0);
    expect(r.routes.find((x) => x.route === "GET /pets")).toMatchObject({ status: "changed", after: { route: "ANY /pets" } });
  });
});

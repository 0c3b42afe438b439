// for_each methods whose resource_id picks a resource instance by each.value: the loader must not guess the
// instance from the method's own key. Fixture: real `terraform show -json` of
//   resource "aws_api_gateway_resource" "r" { for_each = toset(["admin", "public"]) ... path_part = each.key }
//   resource "aws_api_gateway_method" "m" { for_each = { public = "admin", admin = "public" }
//     resource_id = aws_api_gateway_resource.r[each.value].id, authorization = each.key == "public" ? "NONE" : "AWS_IAM" }
//   resource "aws_api_gateway_method" "k" { for_each = toset(["admin"]), resource_id = aws_api_gateway_resource.r[each.key].id }
import { join } from "node:path";
import { loadModel } from "../../guard/load";

const model = loadModel(join(__dirname, "fixtures", "plan-foreach-index.json"));
const route = (address: string) => model.routes.find((r) => r.address === address);

test("GIVEN resource_id = r[each.value].id with ids known only after apply THEN the route is unresolved, not the path of r[<method key>]", () => {
  // m["public"] really sits on /admin (each.value = "admin"): calling it GET /public would pass a policy that
  // allows GET /public to be open while GET /admin is the one that is open.
  const m = route('aws_api_gateway_method.m["public"]');
  expect(m?.routeKey).toBeUndefined();
  expect(m?.unresolved.map((u) => u.attribute)).toContain("resource_id");
});

test("GIVEN resource_id = r[each.key].id THEN the instance with the same key is followed", () => {
  expect(route('aws_api_gateway_method.k["admin"]')?.routeKey).toBe("POST /admin");
});

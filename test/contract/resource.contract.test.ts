import { runFacts } from "./run-facts";
import { withApi } from "./facts/given";
import { resourceFacts } from "./facts/resource";

runFacts("Resources answer as AWS does", resourceFacts, { given: withApi });

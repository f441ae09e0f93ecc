import { runFacts } from "./run-facts";
import { withApi } from "./facts/given";
import { createRestApiFacts, restApiFacts } from "./facts/rest-api";

runFacts("CreateRestApi answers as AWS does", createRestApiFacts);
runFacts("GetRestApi(s) / UpdateRestApi / DeleteRestApi answer as AWS does", restApiFacts, { given: withApi });

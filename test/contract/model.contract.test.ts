import { runFacts } from "./run-facts";
import { withApi } from "./facts/given";
import { modelFacts } from "./facts/model";

runFacts("Models answer as AWS does", modelFacts, { given: withApi });

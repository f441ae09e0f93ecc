import { runFacts } from "./run-facts";
import { withMethod } from "./facts/given";
import { integrationFacts, integrationResponseFacts } from "./facts/integration";

runFacts("Integrations answer as AWS does", integrationFacts, { given: withMethod });
runFacts("Integration responses answer as AWS does", integrationResponseFacts, { given: withMethod });

import { runFacts } from "./run-facts";
import { withApi } from "./facts/given";
import { authorizerFacts, validatorFacts } from "./facts/validator-authorizer";

runFacts("Request validators answer as AWS does", validatorFacts, { given: withApi });
runFacts("Authorizers answer as AWS does", authorizerFacts, { given: withApi });

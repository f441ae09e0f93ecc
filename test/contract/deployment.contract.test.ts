/** Deployment contract: CreateDeployment and GetDeployment(s) as AWS answered (facts/deployment.ts). */
import { runFacts } from "./run-facts";
import { createDeploymentFacts, emptyApiDeploymentFacts, readDeploymentFacts } from "./facts/deployment";
import { withApi, withMethod } from "./facts/given";
import { withDeployment } from "./facts/stage-given";

runFacts("CreateDeployment", createDeploymentFacts, { given: withMethod });
runFacts("CreateDeployment on an API without methods", emptyApiDeploymentFacts, { given: withApi });
runFacts("GetDeployments / GetDeployment", readDeploymentFacts, { given: withDeployment });

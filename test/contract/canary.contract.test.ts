/** Canary contract: canarySettings in CreateStage, CreateDeployment and UpdateStage, and promotion, as AWS answered (facts/canary.ts). */
import { runFacts } from "./run-facts";
import { createDeploymentCanaryFacts, createStageCanaryFacts, updateStageCanaryFacts, updateStageNoCanaryFacts } from "./facts/canary";
import { withCanary, withStage, withTwoDeployments } from "./facts/stage-given";

runFacts("CreateStage with a canary", createStageCanaryFacts, { given: withTwoDeployments });
runFacts("CreateDeployment as a canary", createDeploymentCanaryFacts, { given: withStage });
runFacts("UpdateStage canary paths on a stage without canary", updateStageNoCanaryFacts, { given: withTwoDeployments });
runFacts("UpdateStage canary paths on a stage with a canary", updateStageCanaryFacts, { given: withCanary });

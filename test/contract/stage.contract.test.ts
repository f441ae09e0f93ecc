/** Stage contract: the fake answers CreateStage/GetStage(s)/UpdateStage/DeleteStage as AWS answered (facts/stage.ts). */
import { runFacts } from "./run-facts";
import { accessLogFacts, createStageFacts, methodSettingFacts, readStageFacts, updateStageFacts } from "./facts/stage";
import { withDeployment, withPetsStage, withStage } from "./facts/stage-given";

runFacts("CreateStage", createStageFacts, { given: withDeployment });
runFacts("GetStages / GetStage / DeleteStage", readStageFacts, { given: withDeployment });
runFacts("UpdateStage settings", updateStageFacts, { given: withStage });
runFacts("UpdateStage method settings", methodSettingFacts, { given: withPetsStage });
runFacts("UpdateStage access logs", accessLogFacts, { given: withStage });

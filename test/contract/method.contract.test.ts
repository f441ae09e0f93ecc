import { runFacts } from "./run-facts";
import { withApi, withMethod } from "./facts/given";
import { methodResponseFacts, putMethodFacts, testInvokeFacts, updateMethodFacts } from "./facts/method";

runFacts("PutMethod / DeleteMethod answer as AWS does", putMethodFacts, { given: withApi });
runFacts("UpdateMethod answers as AWS does", updateMethodFacts, { given: withApi });
runFacts("Method responses answer as AWS does", methodResponseFacts, { given: withApi });
runFacts("TestInvokeMethod refuses as AWS does", testInvokeFacts, { given: withMethod });

import { runFacts } from "./run-facts";
import { withApi } from "./facts/given";
import { gatewayResponseFacts } from "./facts/gateway-response";

runFacts("Gateway responses answer as AWS does", gatewayResponseFacts, { given: withApi });

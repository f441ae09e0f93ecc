import { runFacts } from "./run-facts";
import { badBodyFacts, basePathFacts, documentFacts, modeFacts, withApi } from "./facts/put-rest-api";

runFacts("PutRestApi: merge and overwrite as AWS does them", modeFacts, { given: withApi });
runFacts("PutRestApi: bad bodies, warnings and failonwarnings", badBodyFacts, { given: withApi });
runFacts("PutRestApi: what GetResources, GetModels, GetAuthorizers return after an import", documentFacts, { given: withApi });
runFacts("PutRestApi: the basepath parameter", basePathFacts, { given: withApi });

/** Saved test cases per method, their checks, and "Run all" against the draft or a stage. */
export * from "./schema";
export { checkExpectations, jsonEqual, valueAtPath, type CheckedResponse, type CheckOutcome } from "./check";
export { deleteTestCase, listTestCases, runTestCases, saveTestCase, type TestCaseRunResult, type TestCaseView, type TestRunReport } from "./service";

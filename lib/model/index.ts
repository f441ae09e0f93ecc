export * from "./design";
export * from "../errors";
export * from "./ids";
export * from "./operations";
export * from "./rules";
export * from "./tree";
export * from "./commands";
export * from "./gateway-responses";

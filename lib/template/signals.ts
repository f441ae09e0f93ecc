/** Control flow that unwinds a render: `#break` (ends the innermost #foreach, macro, #evaluate…) and `#stop`. */
export class BreakSignal {}
export class StopSignal {}

/** Ref AWS::NoValue: the property or list element it stands in is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue')

import { ValidateBy, ValidationOptions } from 'class-validator';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A draft graph's shape: an object with `nodes` and `edges` arrays of objects. What the nodes and
 * edges say is checked when the automation is published (graph-validation.ts); the shape is
 * checked when it is saved, as every view of the draft reads it (`graph: {}` once made the
 * automation unreadable).
 */
export function IsGraph(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGraph',
      validator: {
        validate: (value: unknown) =>
          isObject(value) &&
          Array.isArray(value.nodes) &&
          Array.isArray(value.edges) &&
          value.nodes.every(isObject) &&
          value.edges.every(isObject) &&
          (value.notes === undefined || (Array.isArray(value.notes) && value.notes.every(isObject))),
        defaultMessage: () =>
          'must be {nodes: [{id, type, position, config, label?}], edges: [{from, to}], notes?: [{id, text, position}]}',
      },
    },
    options,
  );
}

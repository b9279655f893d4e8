import type { ISchema } from '@formily/json-schema';
import { schemaText } from './locale.js';

/** The node's type, the same string the server plugin registers its instruction under. */
export const DECISION_NODE_TYPE = 'crm-policy-decision';

/** The policies the node offers, by the name crm-policy knows them and a catalogue key for their label. */
export const DECISION_POLICIES = [
  { value: 'assignment', label: 'Assignment' },
  { value: 'credit-risk', label: 'Credit risk' },
  { value: 'claim-eligibility', label: 'Claim eligibility' },
] as const;

/**
 * The node's configuration form (Formily schemas, as the workflow editor renders
 * every node's `fieldset`): the policy, its facts as rows of a name and a value or
 * variable of the trigger or an earlier node (`WorkflowVariableInput`), and the
 * language of the explanation. Saved as `{ policy, facts: [{ name, value }], locale }`,
 * which the server plugin's instruction reads.
 */
export const decisionFieldset: Record<'policy' | 'facts' | 'locale', ISchema> = {
  policy: {
    type: 'string',
    title: schemaText('Policy'),
    required: true,
    'x-decorator': 'FormItem',
    'x-component': 'Select',
    'x-component-props': { allowClear: false },
    enum: DECISION_POLICIES.map((policy) => ({ value: policy.value, label: schemaText(policy.label) })),
  },
  facts: {
    type: 'array',
    title: schemaText('Facts'),
    'x-decorator': 'FormItem',
    'x-component': 'ArrayItems',
    items: {
      type: 'object',
      properties: {
        row: {
          type: 'void',
          'x-component': 'Space',
          'x-component-props': { style: { flexWrap: 'nowrap', maxWidth: '100%' } },
          properties: {
            name: {
              type: 'string',
              required: true,
              'x-decorator': 'FormItem',
              'x-component': 'Input',
              'x-component-props': { placeholder: schemaText('Fact name') },
            },
            value: {
              type: 'string',
              'x-decorator': 'FormItem',
              'x-component': 'WorkflowVariableInput',
              'x-component-props': { useTypedConstant: true, placeholder: schemaText('Value or variable') },
            },
            remove: { type: 'void', 'x-decorator': 'FormItem', 'x-component': 'ArrayItems.Remove' },
          },
        },
      },
    },
    properties: {
      add: { type: 'void', title: schemaText('Add a fact'), 'x-component': 'ArrayItems.Addition' },
    },
  },
  locale: {
    type: 'string',
    title: schemaText('Language of the explanation'),
    'x-decorator': 'FormItem',
    'x-component': 'Radio.Group',
    enum: [
      { value: 'zh-CN', label: schemaText('Chinese') },
      { value: 'en-US', label: schemaText('English') },
    ],
    default: 'zh-CN',
  },
};

/** The parts of the node's result later nodes can pick as variables (`{{$jobsMapByNodeKey.<key>.params}}` …), with catalogue keys for their labels. */
export const DECISION_RESULT_FIELDS = [
  { value: 'outcome', label: 'Outcome' },
  { value: 'params', label: 'Parameters' },
  { value: 'fired', label: 'Fired rules' },
  { value: 'explanation', label: 'Explanation' },
  { value: 'version', label: 'Rule version' },
  { value: 'decisionId', label: 'Decision ID' },
] as const;

/**
 * Form actions are declared `(prev, formData: FormData)`, but a crafted request can send any
 * value the action protocol encodes (a string, a number, null, an array) in the FormData's
 * place. Each form action checks its argument with this guard first and answers its own
 * typed 'invalid' state, so a wrong type is a user mistake (a value), never a 500.
 */
export function isFormData(value: unknown): value is FormData {
  return value instanceof FormData;
}

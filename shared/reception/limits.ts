/**
 * Lengths of what the officer types about a party, one value for every layer: the contract's schema,
 * the reception service, the stored view, the printed forms and the field's counter. Organisation
 * names run to about 250 letters ("Công ty trách nhiệm hữu hạn … chi nhánh …"), so a name takes 300
 * and nothing is cut silently on the way (issue 13 point 9).
 */
export const PARTY_NAME_MAX_LENGTH = 300;
export const PARTY_ADDRESS_MAX_LENGTH = 500;

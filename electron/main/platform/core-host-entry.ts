import { net } from 'electron';
import { serveCoreOverParentPort } from '../../core/host/utility-entry';

/**
 * Entry of the core's utility process (built as out/main/core-host.js), not of main. A utility
 * process's `electron` module offers only a few APIs, net among them (lib/utility/api/module-list.ts);
 * the core gets net.fetch for its sync so requests to the province's gateway use the OS proxy and
 * certificate store. The core itself never imports electron.
 */
serveCoreOverParentPort({
  // net.fetch takes a string or a Request; the core's sync passes strings.
  fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
});

// A part of an SDK the functions never call, left out of the bundles (scripts/build-functions.ts, "stubs").
// Using it fails loudly instead of misbehaving.
function absent() {
  throw new Error('hongling: this SDK part is not bundled (scripts/build-functions.ts)');
}
module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      if (key === '__esModule') return false;
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return absent;
    },
  },
);

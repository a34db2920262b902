// form-data's use of mime-types (a part's content type from its file name), for the types the functions
// upload (mini-program codes, spreadsheets), without the 150 KB mime database.
const types = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
function lookup(path) {
  const ext = String(path || '')
    .split('.')
    .pop()
    .toLowerCase();
  return types[ext] || false;
}
module.exports = {
  lookup,
  contentType: (t) => (t.includes('/') ? t : lookup(t)),
  extension: (type) => Object.keys(types).find((k) => types[k] === type) || false,
  charset: () => false,
  types,
  extensions: {},
};

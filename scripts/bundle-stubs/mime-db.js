// wx-server-sdk's use of mime-db (a file extension from a content type), for the types the functions use.
module.exports = {
  'image/png': { extensions: ['png'] },
  'image/jpeg': { extensions: ['jpeg', 'jpg'] },
  'application/json': { extensions: ['json'] },
};

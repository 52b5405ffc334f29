/** Simplified Chinese: the search index being built on a first search (SearchIndexProgress). */
export const searchZhCN = {
  searchIndex: {
    building: '正在建立搜索索引…',
    count: '已完成 {{done, number}} / {{total, number}} 件',
    progressLabel: '搜索索引建立进度',
    note: '升级后第一次搜索时建立，只需一次，以后搜索会很快。',
  },
};

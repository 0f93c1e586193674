// client-safe: the pages' city picker imports it, so no server imports (scripts/check-layers.ts).
// City centres for `loccity` searches and the city picker. Codes are GB/T 2260 city-level codes
// (municipalities use their 市辖区 code xx0100); centres are GCJ-02, as the basemaps and stored
// listings use.

export interface CityCentre {
  code: number;
  name: string;
  province: string;
  longitude: number;
  latitude: number;
}

export const CITY_CENTRES: readonly CityCentre[] = [
  // Municipalities
  { code: 110100, name: "北京", province: "北京市", longitude: 116.407526, latitude: 39.90403 },
  { code: 120100, name: "天津", province: "天津市", longitude: 117.200983, latitude: 39.084158 },
  { code: 310100, name: "上海", province: "上海市", longitude: 121.473701, latitude: 31.230416 },
  { code: 500100, name: "重庆", province: "重庆市", longitude: 106.551556, latitude: 29.563009 },
  // Provincial and autonomous-region capitals
  { code: 130100, name: "石家庄", province: "河北省", longitude: 114.514859, latitude: 38.042306 },
  { code: 140100, name: "太原", province: "山西省", longitude: 112.549248, latitude: 37.857014 },
  {
    code: 150100,
    name: "呼和浩特",
    province: "内蒙古自治区",
    longitude: 111.670801,
    latitude: 40.818311,
  },
  { code: 210100, name: "沈阳", province: "辽宁省", longitude: 123.431474, latitude: 41.805698 },
  { code: 220100, name: "长春", province: "吉林省", longitude: 125.323544, latitude: 43.817072 },
  {
    code: 230100,
    name: "哈尔滨",
    province: "黑龙江省",
    longitude: 126.642464,
    latitude: 45.756967,
  },
  { code: 320100, name: "南京", province: "江苏省", longitude: 118.796877, latitude: 32.060255 },
  { code: 330100, name: "杭州", province: "浙江省", longitude: 120.15507, latitude: 30.274084 },
  { code: 340100, name: "合肥", province: "安徽省", longitude: 117.227239, latitude: 31.820586 },
  { code: 350100, name: "福州", province: "福建省", longitude: 119.296494, latitude: 26.074508 },
  { code: 360100, name: "南昌", province: "江西省", longitude: 115.858197, latitude: 28.682892 },
  { code: 370100, name: "济南", province: "山东省", longitude: 117.12, latitude: 36.651216 },
  { code: 410100, name: "郑州", province: "河南省", longitude: 113.625368, latitude: 34.746599 },
  { code: 420100, name: "武汉", province: "湖北省", longitude: 114.305393, latitude: 30.593099 },
  { code: 430100, name: "长沙", province: "湖南省", longitude: 112.938814, latitude: 28.228209 },
  { code: 440100, name: "广州", province: "广东省", longitude: 113.264434, latitude: 23.129162 },
  {
    code: 450100,
    name: "南宁",
    province: "广西壮族自治区",
    longitude: 108.366543,
    latitude: 22.817002,
  },
  { code: 460100, name: "海口", province: "海南省", longitude: 110.198293, latitude: 20.044001 },
  { code: 510100, name: "成都", province: "四川省", longitude: 104.066541, latitude: 30.572269 },
  { code: 520100, name: "贵阳", province: "贵州省", longitude: 106.630153, latitude: 26.647661 },
  { code: 530100, name: "昆明", province: "云南省", longitude: 102.832891, latitude: 24.880095 },
  { code: 540100, name: "拉萨", province: "西藏自治区", longitude: 91.140856, latitude: 29.645554 },
  { code: 610100, name: "西安", province: "陕西省", longitude: 108.93984, latitude: 34.34127 },
  { code: 620100, name: "兰州", province: "甘肃省", longitude: 103.834303, latitude: 36.061089 },
  { code: 630100, name: "西宁", province: "青海省", longitude: 101.778228, latitude: 36.617144 },
  {
    code: 640100,
    name: "银川",
    province: "宁夏回族自治区",
    longitude: 106.230909,
    latitude: 38.487193,
  },
  {
    code: 650100,
    name: "乌鲁木齐",
    province: "新疆维吾尔自治区",
    longitude: 87.616848,
    latitude: 43.825592,
  },
  // Special administrative regions (province-level codes; they have no city level)
  {
    code: 810000,
    name: "香港",
    province: "香港特别行政区",
    longitude: 114.173355,
    latitude: 22.320048,
  },
  {
    code: 820000,
    name: "澳门",
    province: "澳门特别行政区",
    longitude: 113.54909,
    latitude: 22.198951,
  },
  // Other large rental markets
  { code: 440300, name: "深圳", province: "广东省", longitude: 114.057868, latitude: 22.543099 },
  { code: 320500, name: "苏州", province: "江苏省", longitude: 120.585315, latitude: 31.298886 },
  { code: 370200, name: "青岛", province: "山东省", longitude: 120.382639, latitude: 36.067082 },
  { code: 350200, name: "厦门", province: "福建省", longitude: 118.089425, latitude: 24.479833 },
  { code: 210200, name: "大连", province: "辽宁省", longitude: 121.614682, latitude: 38.914003 },
  { code: 330200, name: "宁波", province: "浙江省", longitude: 121.549792, latitude: 29.868388 },
  { code: 441900, name: "东莞", province: "广东省", longitude: 113.751765, latitude: 23.020536 },
  { code: 440600, name: "佛山", province: "广东省", longitude: 113.121416, latitude: 23.021548 },
];

/** The legacy service's only city key (conf/Location.py): 100010001 = 成都. */
const LEGACY_CITY_KEYS: Readonly<Record<number, number>> = { 100010001: 510100 };

const byCode = new Map(CITY_CENTRES.map((city) => [city.code, city]));

export function findCityCentre(code: number): CityCentre | undefined {
  return byCode.get(LEGACY_CITY_KEYS[code] ?? code);
}

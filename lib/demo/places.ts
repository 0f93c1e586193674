// client-safe: the editor's division picker shows these places, so no server imports (scripts/check-layers.ts).
// Real districts of three cities, with GCJ-02 centres (as AMap shows them) and real residential
// compounds, so demo listings sit where a newcomer would expect them on the map.

export interface DemoDistrict {
  name: string;
  code: number;
  /** GCJ-02 [longitude, latitude]. */
  centre: [number, number];
  communities: string[];
  stations: string[];
}

export interface DemoCity {
  provinceName: string;
  provinceCode: number;
  cityName: string;
  cityCode: number;
  /** Typical monthly rent per m² for a whole flat, yuan. */
  rentPerSquareMetre: number;
  /** Northern cities have central heating, which tenants often pay. */
  heating: boolean;
  districts: DemoDistrict[];
  listings: number;
}

export const demoCities: DemoCity[] = [
  {
    provinceName: "四川省",
    provinceCode: 510000,
    cityName: "成都市",
    cityCode: 510100,
    rentPerSquareMetre: 42,
    heating: false,
    listings: 150,
    districts: [
      {
        name: "锦江区",
        code: 510104,
        centre: [104.0835, 30.6569],
        communities: ["东方花园", "锦江城市花园", "攀成钢蓝色天空", "合江亭小区", "静居寺路小区"],
        stations: ["春熙路站", "东门大桥站", "牛王庙站", "琉璃场站"],
      },
      {
        name: "青羊区",
        code: 510105,
        centre: [104.0614, 30.6741],
        communities: ["光华逸家", "金沙园", "清水河小区", "草堂北路小区", "优品道"],
        stations: ["宽窄巷子站", "人民公园站", "中医大省医院站", "金沙博物馆站"],
      },
      {
        name: "金牛区",
        code: 510106,
        centre: [104.0518, 30.6917],
        communities: ["交大花园", "花照壁小区", "金府花园", "蜀汉路小区", "万达广场公寓"],
        stations: ["茶店子站", "一品天下站", "羊犀立交站", "西南交大站"],
      },
      {
        name: "武侯区",
        code: 510107,
        centre: [104.0431, 30.6421],
        communities: ["玉林小区", "桐梓林小区", "棕北小区", "紫荆小区", "华西坝公寓", "高新锦城"],
        stations: ["省体育馆站", "桐梓林站", "高升桥站", "神仙树站", "天府广场站"],
      },
      {
        // 高新南区 (administratively 武侯区 on many addresses), where the city picker centres 成都.
        name: "武侯区",
        code: 510107,
        centre: [104.0648, 30.5846],
        communities: ["中海城南一号", "天府软件园公寓", "金融城小区", "新希望国际", "南城都汇"],
        stations: ["天府三街站", "金融城站", "孵化园站", "世纪城站"],
      },
      {
        name: "成华区",
        code: 510108,
        centre: [104.1017, 30.6601],
        communities: ["建设路小区", "万科城市花园", "龙湖三千集", "东郊记忆公寓", "猛追湾小区"],
        stations: ["建设北路站", "猛追湾站", "理工大学站", "二仙桥站"],
      },
    ],
  },
  {
    provinceName: "北京市",
    provinceCode: 110000,
    cityName: "北京市",
    cityCode: 110100,
    rentPerSquareMetre: 105,
    heating: true,
    listings: 90,
    districts: [
      {
        name: "东城区",
        code: 110101,
        centre: [116.4165, 39.9283],
        communities: ["和平里", "安德里", "东四小区", "北新桥公寓", "幸福家园"],
        stations: ["东四站", "北新桥站", "和平里北街站", "雍和宫站"],
      },
      {
        name: "西城区",
        code: 110102,
        centre: [116.3661, 39.9122],
        communities: ["月坛南街小区", "展览路小区", "德胜里", "白纸坊小区", "金融街公寓"],
        stations: ["阜成门站", "车公庄站", "广安门内站", "西单站"],
      },
      {
        name: "朝阳区",
        code: 110105,
        centre: [116.4436, 39.9214],
        communities: [
          "望京西园",
          "团结湖小区",
          "双井富力城",
          "朝阳公园小区",
          "国贸公寓",
          "芍药居北里",
        ],
        stations: ["望京站", "团结湖站", "双井站", "国贸站", "芍药居站"],
      },
      {
        name: "海淀区",
        code: 110108,
        centre: [116.2985, 39.9593],
        communities: ["五道口嘉园", "中关村小区", "学院派", "万柳华府", "双榆树北里", "知春里"],
        stations: ["五道口站", "中关村站", "知春路站", "人民大学站", "西二旗站"],
      },
      {
        name: "丰台区",
        code: 110106,
        centre: [116.2869, 39.8585],
        communities: ["方庄芳古园", "丽泽雅园", "科技园小区", "角门东里"],
        stations: ["蒲黄榆站", "丽泽商务区站", "角门西站", "科怡路站"],
      },
    ],
  },
  {
    provinceName: "上海市",
    provinceCode: 310000,
    cityName: "上海市",
    cityCode: 310100,
    rentPerSquareMetre: 100,
    heating: false,
    listings: 90,
    districts: [
      {
        name: "黄浦区",
        code: 310101,
        centre: [121.4846, 31.2317],
        communities: ["打浦桥小区", "老西门小区", "新天地公寓", "瑞金新村"],
        stations: ["打浦桥站", "老西门站", "新天地站", "南京东路站"],
      },
      {
        name: "徐汇区",
        code: 310104,
        centre: [121.4365, 31.1886],
        communities: ["田林新村", "康健新村", "徐家汇公寓", "漕河泾小区", "龙华小区"],
        stations: ["徐家汇站", "漕河泾开发区站", "桂林路站", "龙华中路站"],
      },
      {
        name: "静安区",
        code: 310106,
        centre: [121.4481, 31.2295],
        communities: ["大宁小区", "彭浦新村", "静安新城", "中兴路公寓"],
        stations: ["静安寺站", "大宁路站", "彭浦新村站", "汉中路站"],
      },
      {
        name: "浦东新区",
        code: 310115,
        centre: [121.5447, 31.2222],
        communities: [
          "陆家嘴花园",
          "联洋小区",
          "金杨新村",
          "张江汤臣豪园",
          "世纪公园小区",
          "花木苑",
        ],
        stations: ["陆家嘴站", "世纪公园站", "张江高科站", "金杨路站", "东方体育中心站"],
      },
      {
        name: "闵行区",
        code: 310112,
        centre: [121.3817, 31.1129],
        communities: ["莘庄小区", "春申景城", "古美新村", "梅陇小区"],
        stations: ["莘庄站", "春申路站", "古美路站", "虹梅路站"],
      },
    ],
  },
];
